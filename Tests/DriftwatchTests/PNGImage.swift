import CZlib

/// A minimal PNG decoder for the browser test: 8-bit RGB or RGBA, not interlaced (what Chromium's
/// `--screenshot` writes). Chunks are read, the IDAT stream inflated with the system zlib, and
/// each scanline's filter undone (PNG spec §9).
struct PNGImage {
    enum DecodeError: Error, CustomStringConvertible {
        case invalid(String)
        var description: String {
            switch self {
            case .invalid(let reason): "not a PNG this decoder reads: \(reason)"
            }
        }
    }

    let width: Int
    let height: Int
    /// Bytes per pixel: 3 (RGB) or 4 (RGBA).
    let channels: Int
    /// Unfiltered pixel bytes, row by row.
    let pixels: [UInt8]

    init(_ bytes: [UInt8]) throws {
        let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]
        guard bytes.count > 8, Array(bytes[0..<8]) == signature else { throw DecodeError.invalid("signature") }
        func u32(_ at: Int) -> Int {
            Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        var offset = 8
        var header: (width: Int, height: Int, depth: UInt8, color: UInt8, interlace: UInt8)?
        var compressed: [UInt8] = []
        while offset + 12 <= bytes.count {
            let length = u32(offset)
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let data = offset + 8
            guard data + length + 4 <= bytes.count else { throw DecodeError.invalid("truncated \(type)") }
            switch type {
            case "IHDR":
                header = (u32(data), u32(data + 4), bytes[data + 8], bytes[data + 9], bytes[data + 12])
            case "IDAT": compressed += bytes[data..<(data + length)]
            default: break
            }
            if type == "IEND" { break }
            offset = data + length + 4
        }
        guard let header else { throw DecodeError.invalid("no IHDR") }
        guard header.depth == 8, header.color == 2 || header.color == 6, header.interlace == 0 else {
            throw DecodeError.invalid(
                "depth \(header.depth), colour type \(header.color), interlace \(header.interlace)")
        }
        width = header.width
        height = header.height
        channels = header.color == 6 ? 4 : 3
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var rawLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &rawLength, input.baseAddress, uLong(input.count))
            }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else {
            throw DecodeError.invalid("inflate status \(status), \(rawLength) of \(raw.count) bytes")
        }
        var pixels = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            let line = row * (stride + 1) + 1
            let at = row * stride
            for index in 0..<stride {
                let x = raw[line + index]
                let a = index >= channels ? Int(pixels[at + index - channels]) : 0
                let b = row > 0 ? Int(pixels[at - stride + index]) : 0
                let c = row > 0 && index >= channels ? Int(pixels[at - stride + index - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw DecodeError.invalid("filter \(filter) on row \(row)")
                }
                pixels[at + index] = x &+ UInt8(truncatingIfNeeded: predictor)
            }
        }
        self.pixels = pixels
    }

    /// The RGB of pixel (`x`, `y`).
    func rgb(_ x: Int, _ y: Int) -> (UInt8, UInt8, UInt8) {
        let at = (y * width + x) * channels
        return (pixels[at], pixels[at + 1], pixels[at + 2])
    }
}
