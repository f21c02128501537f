// Helpers for the codec tests of the per-feature summaries: hex golden blobs and corrupted copies.

/// Lower-case hex strings for golden blobs.
public enum Hex {
    /// The lower-case hex spelling of `bytes`.
    public static func string(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return out
    }

    /// The bytes spelled by `hex` (an even number of hex digits); `nil` when malformed.
    public static func bytes(_ hex: String) -> [UInt8]? {
        let chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = nibble(chars[i]), let lo = nibble(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Seeded corruptions of a valid blob, for "never crashes" tests.
public enum BlobCorruption {
    /// `trials` corrupted copies of `blob`: random byte overwrites, bit flips, truncations and extensions.
    public static func variants(of blob: [UInt8], seed: UInt64, trials: Int) -> [[UInt8]] {
        var rng = SplitMix64(seed: seed)
        var out: [[UInt8]] = []
        out.reserveCapacity(trials)
        for _ in 0..<trials {
            var copy = blob
            switch rng.next() % 4 {
            case 0 where !copy.isEmpty:
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    copy[Int(rng.next() % UInt64(copy.count))] = UInt8(truncatingIfNeeded: rng.next())
                }
            case 1 where !copy.isEmpty:
                let i = Int(rng.next() % UInt64(copy.count))
                copy[i] ^= 1 << UInt8(rng.next() % 8)
            case 2:
                copy.removeLast(Int(rng.next() % UInt64(copy.count + 1)))
            default:
                for _ in 0..<(1 + Int(rng.next() % 8)) { copy.append(UInt8(truncatingIfNeeded: rng.next())) }
            }
            out.append(copy)
        }
        return out
    }
}
