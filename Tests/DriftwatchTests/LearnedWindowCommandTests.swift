import DriftTestSupport
import Foundation
import Testing

/// Through the built binary on the demo: `baseline create --from-windows` learns thresholds with
/// each stored window as a chunk, and `report`/`explain` warn when a window's rows differ from the
/// learned thresholds' chunks by more than a factor of 2.
struct LearnedWindowCommandTests {
    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func run(_ arguments: [String], in directory: ScratchDirectory) throws -> DriftwatchProcess.Result {
        let result = try DriftwatchProcess.run(arguments + ["--config", "l.toml", "--state", "s.db"], in: directory)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result
    }

    /// With chunks of 100 rows every 800-row window warns, in `report` and `explain`, and so does a
    /// 6 h horizon (4,800 rows); then the windows themselves become a baseline's chunks.
    @Test func warningsForMismatchedChunksThenABaselineLearnedFromTheWindows() throws {
        let directory = ScratchDirectory(prefix: "learned-chunk-warning")
        _ = directory.write(LearnedThresholdCommandTests.config, to: "l.toml")
        // 8000 training rows in chunks of 100 rows: 80 chunks, so windows of 800 rows are 8× larger.
        let create = try run(
            [
                "baseline", "create", "--model", "fraud", "--from", DriftwatchProcess.fixture("demo/train.jsonl"),
                "--learn-chunk-rows", "100", "--out", "b.json",
            ], in: directory)
        #expect(create.stdout.contains("from 80 chunks of at least 100 rows (mean + 3 sd)"), "\(create.stdout)")
        _ = try run(["backfill", DriftwatchProcess.fixture("demo/predictions.jsonl")], in: directory)
        let report = try object(try run(["report", "--format", "json"], in: directory).stdout)
        let windows = try #require(report["windows"] as? [[String: Any]])
        #expect(windows.count == 24)
        for window in windows {
            let rows = try #require(window["rows"] as? Int)
            #expect(window["learned_chunk_rows"] as? Int == 100)
            #expect(
                window["warnings"] as? [String] == [
                    "threshold learned on 100-row chunks; this window has \(rows) rows: "
                        + "consider --learn-chunk-rows \(rows)"
                ])
        }
        let models = try #require(report["models"] as? [[String: Any]])
        // 24 windows of 800 rows.
        #expect(
            models.first?["warnings"] as? [String] == [
                "version 3.2.1: threshold learned on 100-row chunks; 24 of 24 windows differ by more than 2x "
                    + "(median 800 rows): consider --learn-chunk-rows 800"
            ])
        let horizon = try object(try run(["report", "--format", "json", "--horizon", "6h"], in: directory).stdout)
        #expect(
            (horizon["horizons"] as? [[String: Any]])?.first?["warnings"] as? [String] == [
                "threshold learned on 100-row chunks; this 6h horizon has 4,800 rows: consider --learn-chunk-rows 4800"
            ])
        let explain = try run(["explain", "1"], in: directory)
        let first = try #require(windows.first { $0["start"] as? String == "2026-11-01T00:00:00Z" })
        let rows = try #require(first["rows"] as? Int)
        #expect(explain.stdout.contains("window 2026-11-01T00:00:00Z"), "\(explain.stdout)")
        #expect(
            explain.stdout.contains(
                "Warning: threshold learned on 100-row chunks; this window has \(rows) rows: "
                    + "consider --learn-chunk-rows \(rows)\n"), "\(explain.stdout)")
        // 2026-11-01 holds the demo's 24 hourly windows of 800 rows; they become the chunks.
        let windowed = try run(
            [
                "baseline", "create", "--model", "fraud", "--from-windows", "2026-11-01..2026-11-02", "--out",
                "w.json",
            ], in: directory)
        #expect(
            windowed.stdout.contains("from 24 windows of at least 800 rows, median 800 (mean + 3 sd)"),
            "\(windowed.stdout)"
        )
        let document = try object(try String(contentsOfFile: directory.file("w.json"), encoding: .utf8))
        let learned = try #require(document["learned_thresholds"] as? [String: Any])
        #expect(learned["chunks"] as? Int == 24)
        #expect(learned["chunk_rows"] as? Int == 800 && learned["chunk_rows_median"] as? Int == 800)
        #expect((learned["method"] as? String)?.contains("each stored window") == true)
        #expect(learned["note"] is NSNull)
        // Every statistic of its kind (7 each) for the 7 features, the prediction and the label.
        let features = try #require(learned["features"] as? [String: [String: Any]])
        #expect(
            Set(features.keys) == [
                "amount", "age", "tenure_days", "session_seconds", "country", "merchant_category", "device",
                "@prediction", "@label",
            ])
        #expect(features.values.reduce(0) { $0 + $1.count } == 63)
        // Nine hours are too few windows: nothing is learned, and the file says why.
        let nine = try run(
            [
                "baseline", "create", "--model", "fraud", "--from-windows",
                "2026-11-01T00:00:00Z..2026-11-01T09:00:00Z", "--out", "n.json",
            ], in: directory)
        #expect(
            nine.stdout.contains(
                "learned thresholds: nothing learned: 9 of the 9 window(s) have at least 100 rows"), "\(nine.stdout)")
        let refused = try DriftwatchProcess.run(
            [
                "baseline", "create", "--config", "l.toml", "--state", "s.db", "--model", "fraud", "--from-windows",
                "2026-11-01..2026-11-02", "--learn-chunk-rows", "800",
            ], in: directory)
        #expect(refused.status != 0 && refused.stderr.contains("--learn-chunk-rows applies to --from only"))
    }
}
