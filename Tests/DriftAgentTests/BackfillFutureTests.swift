import DriftAgent
import DriftStore
import Testing

/// A line from a clock gone wrong must not cost the good lines after it. Before
/// `Backfill.Options.futureToleranceMilliseconds`, one line dated 9999 pushed the watermark to
/// 9999, closed the open window and made every following good line `late` (found with
/// Fixtures/bad/timestamps.jsonl).
struct BackfillFutureTests {
    static let t0 = BackfillTests.t0
    static let day: Int64 = 86_400_000

    func run(_ lines: [String], name: String, tolerance: Int64?) throws -> (Backfill.FileReport, [Int64]) {
        let path = try BackfillTests.write(lines, name: name)
        let store = try Store(path: ":memory:")
        var options = Backfill.Options(inputs: [path])
        options.futureToleranceMilliseconds = tolerance
        let reports = try Backfill(configuration: .zeroConfig, store: store, now: { Self.t0 + 2 * BackfillTests.hour })
            .run(options)
        let rows = try store.windows(model: "m", since: nil, until: nil).map(\.rows)
        return (reports[0], rows)
    }

    static let lines = [
        BackfillTests.line(t0, x: 1, c: "a"),
        BackfillTests.line(253_402_300_799_000, x: 2, c: "a"),  // 9999-12-31T23:59:59Z
        BackfillTests.line(t0 + 5 * 60_000, x: 3, c: "a"),
        BackfillTests.line(t0 + 2 * BackfillTests.hour + day + 1, x: 5, c: "a"),  // 1 ms past the limit: refused
        BackfillTests.line(-62_135_596_800_000, x: 6, c: "a"),  // 0001-01-01: its window closed long ago
        BackfillTests.line(t0 + 6 * 60_000, x: 7, c: "a"),
        // Exactly at the limit: counted (in its own window, last, as it moves the watermark a day on).
        BackfillTests.line(t0 + 2 * BackfillTests.hour + day, x: 4, c: "a"),
    ]

    @Test func futureLinesAreRefusedAndTheGoodLinesAfterThemCount() throws {
        let (report, rows) = try run(Self.lines, name: "future", tolerance: Self.day)
        #expect(report.lines == 7)
        #expect(report.counted == 4)
        #expect(report.badLines == ["future_timestamp": 2, "late": 1])
        // t0's hour holds its three good lines; the line at the limit has its own window.
        #expect(rows == [3, 1])
    }

    /// Without a tolerance any time is accepted — and the 9999 line makes the rest late, which is
    /// why `driftwatch backfill` always sets one.
    @Test func withoutAToleranceTheOutlierClosesTheWindow() throws {
        let (report, _) = try run(Self.lines, name: "future-off", tolerance: nil)
        #expect(report.counted == 2)
        #expect(report.badLines == ["late": 5])
    }
}
