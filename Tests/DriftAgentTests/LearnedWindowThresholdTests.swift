import DriftAgent
import DriftCore
import DriftStore
import DriftTestSupport
import Foundation
import Testing

/// Thresholds learned from stored windows (`baseline create --from-windows`), against
/// `Fixtures/reference/learned/windows_reference.json`: `make_windows_reference.py` recomputes
/// with numpy/scipy every chunk statistic of the 13 hourly windows of `windows.jsonl` (known row
/// ranges), binned on the deciles of the training file `baseline.jsonl`.
struct LearnedWindowThresholdTests {
    static let hour: Int64 = 3_600_000

    static func reference() throws -> ReferenceJSON {
        let text = try String(
            contentsOfFile: LearnedThresholdTests.directory + "/windows_reference.json", encoding: .utf8)
        return try #require(ReferenceJSON.parse(text))
    }

    /// A store holding the training baseline and the windows backfilled from `windows.jsonl`.
    static func store() throws -> Store {
        let store = try Store(path: ":memory:")
        let training = try LearnedThresholdTests.build(LearnedThresholdTests.directory + "/baseline.jsonl")
        try store.saveBaseline(training.stored)
        _ = try Backfill(configuration: .zeroConfig, store: store, now: { 0 }).run(
            Backfill.Options(inputs: [LearnedThresholdTests.directory + "/windows.jsonl"]))
        return store
    }

    @Test func windowChunkStatisticsMatchNumpy() throws {
        let reference = try Self.reference()
        let store = try Self.store()
        let starts = reference["window_starts"].array.map(\.int) + [reference["rows"].int]
        let windows = try store.windows(model: "ref")
        #expect(windows.map(\.rows) == (0..<(starts.count - 1)).map { Int64(starts[$0 + 1] - starts[$0]) })
        let t0 = Int64(reference["t0"].int)
        let result = try BaselineBuilder.build(
            store: store, model: "ref", version: nil, since: t0, until: t0 + 13 * Self.hour, createdMs: 1)
        let baseline = result.baseline
        let learned = try #require(baseline.learned)
        #expect(baseline.profile.rows == UInt64(reference["rows"].int))
        #expect(learned.note == nil)
        #expect(learned.chunks == reference["chunks"].int)  // 12: the 60-row window is no chunk
        #expect(learned.chunkRows == reference["chunk_rows"].int)
        #expect(learned.medianChunkRows == reference["chunk_rows_median"].int)
        for name in ["ar", "iid", "flat"] {
            let expected = reference["features"][name]
            let bins = try #require(baseline.profile.features[name]?.bins, "\(name) keeps exact bins")
            #expect(bins.edges == expected["edges"].doubles, "\(name) edges")
            #expect(bins.counts.map { Double($0) } == expected["merged_counts"].doubles, "\(name) counts")
            try LearnedThresholdTests.expectEntries(learned, feature: name, match: expected, chunks: 12)
        }
        #expect(learned.entries["cat"]?[.linf] != nil && learned.entries["ar"]?[.ks] != nil)
        // The document says where the chunks came from and keeps the median through a round trip.
        let text = BaselineDocument.render(baseline)
        #expect(text.contains("each stored window of the baseline"))
        #expect(text.contains("\"chunk_rows_median\": \(reference["chunk_rows_median"].int)"))
        #expect(try BaselineDocument.parse(Array(text.utf8), path: "w.json") == baseline)
    }

    @Test func fewerThanTenWindowsWithEnoughRowsLearnNothingAndSaySo() throws {
        let store = try Self.store()
        let t0 = Int64(try Self.reference()["t0"].int)
        // Hours 0..8: nine windows of 150..400 rows.
        let nine = try BaselineBuilder.build(
            store: store, model: "ref", version: nil, since: t0, until: t0 + 9 * Self.hour, createdMs: 1)
        let learned = try #require(nine.baseline.learned)
        #expect(learned.entries.isEmpty && learned.chunks == 0)
        #expect(
            learned.note
                == "nothing learned: 9 of the 9 window(s) have at least 100 rows (at least 10 such windows are needed)")
        // At a 250-row minimum only 6 of the 13 windows are chunks (400, 310, 275, 330, 260, 350 rows).
        let all = try BaselineBuilder.build(
            store: store, model: "ref", version: nil, since: t0, until: t0 + 13 * Self.hour, createdMs: 1,
            learning: .init(minimumChunkRows: 250))
        #expect(all.baseline.learned?.note?.hasPrefix("nothing learned: 6 of the 13 window(s)") == true)
        #expect(all.baseline.profile.rows == 3170)
        let off = try BaselineBuilder.build(
            store: store, model: "ref", version: nil, since: t0, until: t0 + 13 * Self.hour, createdMs: 1,
            learning: .init(chunks: 0))
        #expect(off.baseline.learned == nil)
    }
}
