import DriftAgent
import DriftCore
import DriftStore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Backfill semantics on small hand-made logs, with expected counts worked out line by line.
struct BackfillTests {
    static let hour: Int64 = 3_600_000
    static let t0: Int64 = 1_793_836_800_000  // 2026-11-05T00:00:00Z

    static func line(_ ms: Int64, x: Double, c: String, model: String = "m") -> String {
        "{\"ts\":\(ms),\"model\":\"\(model)\",\"version\":\"1\",\"features\":{\"x\":\(x),\"c\":\"\(c)\"},\"prediction\":0.5}"
    }

    static func write(_ lines: [String], name: String, append: Bool = false) throws -> String {
        let path = DemoPipelineTests.temporaryPath(name).replacingSuffix(".db", with: ".jsonl")
        try FileBytes.write(Array((lines.joined(separator: "\n") + "\n").utf8), to: path)
        return path
    }

    static func backfill(_ store: Store, _ inputs: [String], replace: Range<Int64>? = nil) throws -> [Backfill
        .FileReport]
    {
        var options = Backfill.Options(inputs: inputs)
        options.replace = replace
        options.commitEveryLines = 7  // many intermediate commits: each must keep the counts exact
        return try Backfill(configuration: .zeroConfig, store: store, now: { 0 }).run(options)
    }

    @Test func zeroConfigWindowsLateAndBadLines() throws {
        var lines: [String] = []
        for i in 0..<30 {
            lines.append(Self.line(Self.t0 + Int64(i) * 120_000, x: Double(i), c: i % 2 == 0 ? "a" : "b"))
        }
        lines.append("{not json")  // attributed to hour 0, the window of the previous good line
        for i in 0..<20 { lines.append(Self.line(Self.t0 + Self.hour + Int64(i) * 60_000, x: 1, c: "a")) }
        for i in 0..<10 { lines.append(Self.line(Self.t0 + 2 * Self.hour + Int64(i) * 60_000, x: 2, c: "c")) }
        lines.append(Self.line(Self.t0 + 10 * 60_000, x: 0, c: "a"))  // hour 0 closed at 01:05: late
        lines.append("{\"model\":\"m\",\"features\":{}}")  // no timestamp
        let path = try Self.write(lines, name: "zero")
        let store = try Store(path: ":memory:")
        let reports = try Self.backfill(store, [path])
        #expect(reports[0].lines == 63)
        #expect(reports[0].counted == 60)
        #expect(reports[0].badLines == ["invalid_json": 1, "late": 1, "missing_timestamp": 1])
        let windows = try store.windows(model: "m", since: nil, until: nil)
        #expect(windows.map(\.rows) == [30, 20, 10])
        #expect(windows.map(\.key.startMs) == [Self.t0, Self.t0 + Self.hour, Self.t0 + 2 * Self.hour])
        let first = try store.badLines(model: "m", version: "1", start: Self.t0)
        #expect(Set(first.map(\.reason)) == ["invalid_json", "late"])
        let profile = try Profile(decoding: windows[0].profile)
        #expect(profile.features["x"]?.kind == .numeric)
        #expect(profile.features["c"]?.categories.count(of: "a") == 15)
        #expect(profile.features["x"]?.moments.mean == 14.5)  // mean of 0…29
        let scores = try store.scores(model: "m", version: "1", start: Self.t0)
        #expect(scores.allSatisfy { WindowScorer.verdictLabel($0.verdict) == "insufficient_data" })
    }

    @Test func appendedFileResumesAndRepeatAddsNothing() throws {
        let first = (0..<25).map { Self.line(Self.t0 + Int64($0) * 1000, x: Double($0), c: "a") }
        let path = try Self.write(first, name: "grow")
        let store = try Store(path: ":memory:")
        #expect(try Self.backfill(store, [path])[0].counted == 25)
        let more = (25..<40).map { Self.line(Self.t0 + Int64($0) * 1000, x: Double($0), c: "a") }
        try FileBytes.write(Array(((first + more).joined(separator: "\n") + "\n").utf8), to: path)
        let second = try Self.backfill(store, [path])
        #expect(second[0].counted == 15)
        #expect(second[0].skippedBytes > 0)
        #expect(try Self.backfill(store, [path])[0].counted == 0)
        let windows = try store.windows(model: "m", since: nil, until: nil)
        #expect(windows.map(\.rows) == [40])
        #expect(try Profile(decoding: windows[0].profile).features["x"]?.moments.sum == 780)  // 0+…+39
    }

    @Test func filesSharingAWindowAddUpAndReplaceRecomputes() throws {
        let a = try Self.write((0..<10).map { Self.line(Self.t0 + Int64($0) * 1000, x: 1, c: "a") }, name: "a")
        let b = try Self.write((0..<5).map { Self.line(Self.t0 + 500 + Int64($0) * 1000, x: 3, c: "b") }, name: "b")
        let store = try Store(path: ":memory:")
        _ = try Self.backfill(store, [a])
        _ = try Self.backfill(store, [b])
        var windows = try store.windows(model: "m", since: nil, until: nil)
        #expect(windows.map(\.rows) == [15])
        _ = try Self.backfill(store, [a, b], replace: Self.t0..<(Self.t0 + Self.hour))
        windows = try store.windows(model: "m", since: nil, until: nil)
        #expect(windows.map(\.rows) == [15])
        let sum = try #require(try Profile(decoding: windows[0].profile).features["x"]?.moments.sum)
        #expect(abs(sum - 25) < 1e-9)
    }

    @Test func gzipCopyIsTheSameInput() throws {
        let path = try Self.write((0..<12).map { Self.line(Self.t0 + Int64($0) * 1000, x: 1, c: "a") }, name: "gz")
        guard access("/bin/gzip", X_OK) == 0 || access("/usr/bin/gzip", X_OK) == 0 else { return }
        let store = try Store(path: ":memory:")
        #expect(try Self.backfill(store, [path])[0].counted == 12)
        #expect(system("gzip -kf '\(path)'") == 0)
        let again = try Self.backfill(store, [path + ".gz"])
        #expect(again[0].counted == 0)
        #expect(again[0].alreadyIngested)
    }
}

extension String {
    fileprivate func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}
