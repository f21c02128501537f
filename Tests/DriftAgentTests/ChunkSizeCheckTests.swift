import DriftAgent
import DriftCore
import Testing

/// The chunk-size warning with hand-worked numbers: a window warns when its rows exceed twice the
/// chunks' (lower median) rows or fall under half of them.
struct ChunkSizeCheckTests {
    static func learned(median: Int, note: String? = nil) -> LearnedThresholds {
        let entry = LearnedThresholds.Entry(mean: 0.01, standardDeviation: 0.005, chunks: 10, threshold: 0.025)
        return LearnedThresholds(
            chunks: 10, chunkRows: median - 1, medianChunkRows: median, note: note,
            entries: note == nil ? ["a": [.psi: entry]] : [:])
    }

    @Test func warnsBeyondAFactorOfTwoEitherWay() {
        let eight = Self.learned(median: 800)
        #expect(
            ChunkSizeCheck.warning(rows: 12_000, learned: eight)
                == "threshold learned on 800-row chunks; this window has 12,000 rows: consider --learn-chunk-rows 12000"
        )
        #expect(ChunkSizeCheck.warning(rows: 1_600, learned: eight) == nil)  // exactly 2×: fine
        #expect(ChunkSizeCheck.warning(rows: 1_601, learned: eight)?.contains("has 1,601 rows") == true)
        #expect(ChunkSizeCheck.warning(rows: 400, learned: eight) == nil)  // exactly ½: fine
        #expect(
            ChunkSizeCheck.warning(rows: 399, learned: eight, subject: "this 7d horizon")
                == "threshold learned on 800-row chunks; this 7d horizon has 399 rows: consider --learn-chunk-rows 399")
        #expect(ChunkSizeCheck.warning(rows: 0, learned: eight) == nil)  // an empty window is not scored
        // The median decides, not the smallest chunk (799 here): 1,599 ≤ 2 × 800.
        #expect(ChunkSizeCheck.warning(rows: 1_599, learned: eight) == nil)
    }

    @Test func nothingLearnedMeansNoWarning() {
        #expect(ChunkSizeCheck.warning(rows: 1_000_000, learned: nil) == nil)
        #expect(ChunkSizeCheck.warning(rows: 1_000_000, learned: Self.learned(median: 800, note: "too small")) == nil)
        #expect(ChunkSizeCheck.chunkRows(Self.learned(median: 250)) == 250)
    }

    @Test func thousandsAreGroupedByCommas() {
        #expect(ChunkSizeCheck.grouped(0) == "0")
        #expect(ChunkSizeCheck.grouped(999) == "999")
        #expect(ChunkSizeCheck.grouped(1_000) == "1,000")
        #expect(ChunkSizeCheck.grouped(1_234_567) == "1,234,567")
        #expect(ChunkSizeCheck.grouped(-12_000) == "-12,000")
    }
}
