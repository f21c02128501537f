import DriftTestSupport
import Foundation
import Testing

/// Fixtures/bad through the real `driftwatch backfill`: every hostile line is counted under its
/// reason, exactly as Fixtures/bad/EXPECTED.txt says, and every good line around it still counts.
struct HostileInputTests {
    /// One row of EXPECTED.txt.
    struct Expectation {
        var file: String
        var lines: Int
        var counted: Int
        var bad: [String: Int]

        /// The summary line `driftwatch backfill` prints for `path`.
        func summary(path: String) -> String {
            var text = "\(path): \(lines) lines, \(counted) counted, \(bad.values.reduce(0, +)) bad"
            if !bad.isEmpty {
                text +=
                    " (" + bad.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
            }
            return text
        }
    }

    static func expectations() throws -> [Expectation] {
        let text = try String(contentsOfFile: DriftwatchProcess.fixture("bad/EXPECTED.txt"), encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map { row in
            let fields = row.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            let lines = try #require(fields.count == 4 ? Int(fields[1]) : nil, "bad row \(row)")
            let counted = try #require(Int(fields[2]), "bad row \(row)")
            var bad: [String: Int] = [:]
            if fields[3] != "-" {
                for pair in fields[3].split(separator: ",") {
                    let parts = pair.split(separator: "=")
                    bad[String(parts[0])] = try #require(parts.count == 2 ? Int(parts[1]) : nil, "bad row \(row)")
                }
            }
            return Expectation(file: fields[0], lines: lines, counted: counted, bad: bad)
        }
    }

    /// A good line, one line of 10 MiB, a good line: as `ten_mib_line()` in make_bad.py.
    static func writeTenMiBFile(in directory: ScratchDirectory) throws -> String {
        let good = { (minute: Int) in
            "{\"ts\":\"2026-11-01T00:0\(minute):00Z\",\"model\":\"fraud\",\"version\":\"1\",\"features\":{\"amount\":1.5,\"country\":\"DE\"},\"prediction\":0.5}"
        }
        var huge = Data(good(4).dropLast().utf8)
        huge.append(contentsOf: Array(",\"blob\":\"".utf8))
        huge.append(Data(repeating: UInt8(ascii: "x"), count: 10 << 20))
        huge.append(contentsOf: Array("\"}".utf8))
        var data = Data((good(0) + "\n").utf8)
        data.append(huge)
        data.append(contentsOf: Array(("\n" + good(5) + "\n").utf8))
        let path = directory.file("ten_mib_line.jsonl")
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func everyHostileFileIsCountedAsExpected() throws {
        let expectations = try Self.expectations()
        #expect(expectations.count == 13, "EXPECTED.txt rows")
        let directory = ScratchDirectory(prefix: "bad")
        for expected in expectations {
            let path =
                expected.file == "ten_mib_line.jsonl"
                ? try Self.writeTenMiBFile(in: directory) : DriftwatchProcess.fixture("bad/\(expected.file)")
            let state = "\(expected.file).db"
            let run = try DriftwatchProcess.run(["backfill", "--state", state, path], in: directory)
            #expect(run.status == 0, "\(expected.file): \(run.stderr)")
            let summary = run.stdout.split(separator: "\n").first.map(String.init) ?? ""
            #expect(summary == expected.summary(path: path), "\(expected.file)")

            // The rows stored in windows add up to the counted lines: no good line was lost.
            let report = try DriftwatchProcess.run(["report", "--state", state, "--format", "json"], in: directory)
            #expect(report.status == 0, "\(expected.file): \(report.stderr)")
            let root = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
            let windows = root?["windows"] as? [[String: Any]] ?? []
            let rows = windows.compactMap { $0["rows"] as? Int }.reduce(0, +)
            #expect(rows == expected.counted, "\(expected.file): stored rows")
        }
    }
}
