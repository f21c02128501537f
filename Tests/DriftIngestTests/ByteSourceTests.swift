import DriftIngest
import DriftTestSupport
import Foundation
import Testing

/// Tiny gzip fixtures, inline so the test target holds no unhandled resource files. Made with
/// `gzip -n -9` (no name or mtime, so reproducible):
/// ```sh
/// { printf 'a\nb\n' | gzip -n -9; printf 'c\nd' | gzip -n -9; } > two-members.gz
/// printf 'first\nsecond\n' | gzip -n -9 > truncated.gz
/// printf 'third\nfourth\n' | gzip -n -9 | head -c -6 >> truncated.gz   # second member cut short
/// printf 'line one\nline two\n' | gzip -n -9 > corrupt.gz
/// printf '\xff\xff\xff' | dd of=corrupt.gz bs=1 seek=10 conv=notrunc   # damage the deflate data
/// xxd -p FILE | tr -d '\n'
/// ```
private enum GzipFixture: String {
    case twoMembers = "1f8b08000000000002034be44ae20200972a5718040000001f8b08000000000002034be64a0100a0e1e00503000000"
    case truncated =
        "1f8b08000000000002034bcb2c2a2ee12a4e4dcecf4be10200205145080d0000001f8b08000000000002032bc9c82c4ae14acb2f2d2ac9e00200db70"
    case corrupt = "1f8b0800000000000203ffffff4b55c8cf4be5ca01314acaf3b9008bd7f47512000000"

    var bytes: [UInt8] {
        var result: [UInt8] = []
        var text = Substring(rawValue)
        while !text.isEmpty {
            result.append(UInt8(text.prefix(2), radix: 16)!)
            text = text.dropFirst(2)
        }
        return result
    }
}

struct ByteSourceTests {
    private struct Outcome {
        var bytes: [UInt8] = []
        var error: IngestError?
        var isGzip = false
        var offset: Int64 = 0
    }

    private static func readAll(_ path: String, readSize: Int = 64) -> Outcome {
        var outcome = Outcome()
        do {
            let source = try ByteSource(path: path, readSize: readSize)
            outcome.isGzip = source.isGzip
            defer { outcome.offset = source.compressedOffset }
            while try source.read({ outcome.bytes += $0 }) {}
            #expect(try source.read { _ in } == false)
        } catch {
            outcome.error = error
        }
        return outcome
    }

    private static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("driftingest-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Compresses with the system `gzip` tool; `nil` where it is not installed.
    private static func gzip(_ bytes: [UInt8]) throws -> [UInt8]? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/gzip") else { return nil }
        let input = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-n", "-c", input]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }

    private static func randomLines(seed: UInt64, count: Int) -> [UInt8] {
        var sampler = Sampler(seed: seed)
        var text = ""
        for index in 0..<count { text += "{\"n\":\(index),\"x\":\(sampler.normal())}\n" }
        return Array(text.utf8)
    }

    @Test func plainFilesAreDeliveredVerbatim() throws {
        for seed in UInt64(0)..<5 {
            var sampler = Sampler(seed: seed)
            let bytes = (0..<(sampler.int(below: 3000))).map { _ in UInt8(truncatingIfNeeded: sampler.rng.next()) }
            let path = try Self.temporaryFile([0x1f] + bytes)  // a lone 1f is not gzip
            defer { try? FileManager.default.removeItem(atPath: path) }
            let outcome = Self.readAll(path)
            #expect(outcome.error == nil && !outcome.isGzip && outcome.bytes == [0x1f] + bytes, "seed \(seed)")
            #expect(outcome.offset == Int64(bytes.count + 1), "seed \(seed)")
        }
        for content: [UInt8] in [[], [0x1f]] {
            let path = try Self.temporaryFile(content)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let outcome = Self.readAll(path)
            #expect(outcome.error == nil && !outcome.isGzip && outcome.bytes == content)
        }
    }

    @Test func concatenatedMembersAreDecoded() throws {
        let path = try Self.temporaryFile(GzipFixture.twoMembers.bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = Self.readAll(path)
        #expect(outcome.error == nil && outcome.isGzip)
        #expect(String(decoding: outcome.bytes, as: UTF8.self) == "a\nb\nc\nd")
        #expect(outcome.offset == 47)
    }

    @Test func truncatedMemberIsAnErrorAfterTheLinesBeforeIt() throws {
        let path = try Self.temporaryFile(GzipFixture.truncated.bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = Self.readAll(path)
        #expect(String(decoding: outcome.bytes, as: UTF8.self) == "first\nsecond\nthird\nfourth\n")
        #expect(outcome.error == .corruptGzip(path: path, compressedOffset: 60, detail: "truncated stream"))
        #expect(outcome.error?.description.contains(path) == true)
    }

    @Test func corruptDataNamesPathAndOffset() throws {
        let path = try Self.temporaryFile(GzipFixture.corrupt.bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = Self.readAll(path)
        guard case .corruptGzip(let errorPath, let offset, _) = try #require(outcome.error) else {
            Issue.record("expected corruptGzip, got \(String(describing: outcome.error))")
            return
        }
        #expect(errorPath == path && (10...35).contains(offset))
    }

    /// Larger streams from the real `gzip` tool: two members decode to the concatenation, and
    /// every truncation delivers a prefix of the text and then fails.
    @Test func systemGzipStreamsAndTruncations() throws {
        let first = Self.randomLines(seed: 1, count: 3000)
        let second = Self.randomLines(seed: 2, count: 500)
        guard let one = try Self.gzip(first), let two = try Self.gzip(second) else { return }
        let path = try Self.temporaryFile(one + two)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for readSize in [64, 1000, 1 << 20] {
            let outcome = Self.readAll(path, readSize: readSize)
            #expect(
                outcome.error == nil && outcome.bytes == first + second
                    && outcome.offset == Int64(one.count + two.count))
        }
        let full = first + second
        for cut in stride(from: 2, to: one.count + two.count, by: 997) where cut != one.count {
            let truncated = try Self.temporaryFile(Array((one + two)[..<cut]))
            defer { try? FileManager.default.removeItem(atPath: truncated) }
            let outcome = Self.readAll(truncated, readSize: 512)
            #expect(outcome.error != nil && full.starts(with: outcome.bytes), "cut \(cut)")
        }
    }

    @Test func openErrorsNameThePath() throws {
        let missing = "/nonexistent/driftingest/\(UUID().uuidString).jsonl"
        #expect(Self.readAll(missing).error == .fileNotFound(path: missing))
        #expect(IngestError.fileNotFound(path: missing).description == "\(missing): no such file")
        let directory = FileManager.default.temporaryDirectory.path
        #expect(Self.readAll(directory).error == .isADirectory(path: directory))
        if geteuid() != 0 {  // root reads anything
            let path = try Self.temporaryFile([1, 2, 3])
            defer { try? FileManager.default.removeItem(atPath: path) }
            chmod(path, 0)
            #expect(Self.readAll(path).error == .permissionDenied(path: path))
        }
        #expect(IngestError.permissionDenied(path: "-").description == "standard input: permission denied")
    }

    /// The pipeline of the product: gzip source → splitter, lines intact across chunk and member boundaries.
    @Test func gzipThroughSplitter() throws {
        var splitter = LineSplitter()
        var lines: [String] = []
        let path = try Self.temporaryFile(GzipFixture.twoMembers.bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = try ByteSource(path: path, readSize: 64)
        while try source.read({ splitter.feed($0) { lines.append(String(decoding: $0.bytes, as: UTF8.self)) } }) {}
        splitter.finish { lines.append(String(decoding: $0.bytes, as: UTF8.self)) }
        #expect(lines == ["a", "b", "c", "d"])
    }
}
