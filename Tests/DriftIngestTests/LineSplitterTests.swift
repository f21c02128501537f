import DriftIngest
import DriftTestSupport
import Testing

/// A line as the oracle sees it: stripped text, 1-based number, start offset, full length.
private struct ExpectedLine: Equatable, CustomStringConvertible {
    var bytes: [UInt8]
    var number: Int
    var offset: Int64
    var length: Int

    var description: String { "#\(number)@\(offset) len \(length) \(bytes)" }
}

struct LineSplitterTests {
    /// The oracle: stdlib `split` on `\n`, keeping empty lines, dropping the empty tail after a
    /// final newline, stripping one trailing `\r`, truncating lines over the cap.
    private static func oracle(_ input: [UInt8], cap: Int) -> [ExpectedLine] {
        var pieces = input.split(separator: 0x0A, omittingEmptySubsequences: false)
        if pieces.last?.isEmpty == true { pieces.removeLast() }
        var offset = 0
        var result: [ExpectedLine] = []
        for (index, piece) in pieces.enumerated() {
            var line = Array(piece)
            if line.last == 0x0D { line.removeLast() }
            let length = line.count
            result.append(
                ExpectedLine(bytes: Array(line.prefix(cap)), number: index + 1, offset: Int64(offset), length: length))
            offset += piece.count + 1
        }
        return result
    }

    private static func split(_ input: [UInt8], chunkSize: Int, cap: Int) -> [ExpectedLine] {
        var splitter = LineSplitter(configuration: .init(maximumLineLength: cap))
        var lines: [ExpectedLine] = []
        let collect = { (line: LineSplitter.Line) in
            lines.append(
                ExpectedLine(bytes: Array(line.bytes), number: line.number, offset: line.offset, length: line.length))
        }
        input.withUnsafeBytes { all in
            var start = 0
            while start < all.count {
                let end = min(start + chunkSize, all.count)
                splitter.feed(UnsafeRawBufferPointer(rebasing: all[start..<end]), collect)
                start = end
            }
        }
        splitter.finish(collect)
        #expect(splitter.streamOffset == Int64(input.count))
        return lines
    }

    /// Random text over a small alphabet rich in `\n` and `\r`, with occasional long lines.
    private static func randomInput(seed: UInt64) -> [UInt8] {
        var sampler = Sampler(seed: seed)
        let alphabet: [UInt8] = Array("ab{}\" \n\n\r\r\n".utf8)
        let count = sampler.int(below: 160)
        var bytes: [UInt8] = []
        for _ in 0..<count {
            if sampler.int(below: 40) == 0 {
                bytes += Array(repeating: UInt8(ascii: "x"), count: sampler.int(below: 40))
            }
            bytes.append(alphabet[sampler.int(below: alphabet.count)])
        }
        return bytes
    }

    @Test func matchesStdlibSplitForEveryChunkSize() {
        for seed in UInt64(0)..<60 {
            let input = Self.randomInput(seed: seed)
            for cap in [1_000_000, 8, 3, 0] {
                let expected = Self.oracle(input, cap: cap)
                for chunkSize in 1...max(1, input.count) {
                    let actual = Self.split(input, chunkSize: chunkSize, cap: cap)
                    #expect(actual == expected, "seed \(seed) cap \(cap) chunk \(chunkSize)")
                    if actual != expected { return }
                }
            }
        }
    }

    @Test func handwrittenCases() {
        let cases: [(String, [String])] = [
            ("", []),
            ("\n", [""]),
            ("a", ["a"]),
            ("a\r\n\r\nb\r", ["a", "", "b"]),
            ("a\r\rb\n", ["a\r\rb"]),
            ("a\r\r\n", ["a\r"]),
            ("\n\n", ["", ""]),
        ]
        for (input, lines) in cases {
            let actual = Self.split(Array(input.utf8), chunkSize: 1, cap: 100)
            #expect(actual.map { String(decoding: $0.bytes, as: UTF8.self) } == lines, "\(input.debugDescription)")
        }
    }

    @Test func tooLongLineIsReportedOnceWithItsPrefixAndLength() {
        let long = String(repeating: "y", count: 50)
        let input = Array("ok\n\(long)\r\nnext\n".utf8)
        for chunkSize in [1, 7, 64] {
            let lines = Self.split(input, chunkSize: chunkSize, cap: 10)
            #expect(lines.count == 3)
            #expect(lines[1].length == 50 && lines[1].bytes == Array(long.utf8.prefix(10)) && lines[1].offset == 3)
            #expect(lines[2].bytes == Array("next".utf8) && lines[2].number == 3 && lines[2].offset == 55)
        }
    }

    @Test func lineExactlyAtTheCapIsNotTooLong() {
        var splitter = LineSplitter(configuration: .init(maximumLineLength: 4))
        var flags: [Bool] = []
        Array("abcd\r\nabcde\nabcd".utf8).withUnsafeBytes { splitter.feed($0) { flags.append($0.isTooLong) } }
        splitter.finish { flags.append($0.isTooLong) }
        #expect(flags == [false, true, false])
    }
}
