import DriftCore
import Testing

/// Fuzzing regressions (Scripts/fuzz/run codec): a decoded performance accumulator must leave the
/// headroom for one merge with another decoded one, so its row total is at most 2^62 — the KLL
/// decoder's bound. Before, these blobs decoded and the merge trapped on overflow.
struct DecodedCountHeadroomTests {
    /// libFuzzer's crash input: a regression accumulator whose invalid count is near 2^64.
    static let regressionCrash =
        "44570a01000400000000000000010000000000ffffffff0000000000400000000000000000000000000000f83f000000"
        + "00000000003dcff33ccff3f43f00000000000080bc000000000000f03f0000000000000000"
    /// libFuzzer's crash input: a multiclass accumulator whose rejected count is near 2^64.
    static let multiclassCrash =
        "44570b010000000000000000a7020000000300000063617403000000646f670300000000000000000000000200000000"
        + "0000000000000001000000010000000000000001000000010000000100000000000000"

    private static func bytes(_ hex: String) -> [UInt8] { PerformanceCodecTests.bytes(hex: hex) }

    /// `blob` with the little-endian UInt64 at `offset` replaced by `value`.
    private static func patched(_ blob: [UInt8], at offset: Int, _ value: UInt64) -> [UInt8] {
        var copy = blob
        for index in 0..<8 { copy[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
        return copy
    }

    @Test func fuzzedCrashBlobsAreRefused() {
        #expect(throws: SketchCodecError.self) { try RegressionAccumulator(decoding: Self.bytes(Self.regressionCrash)) }
        #expect(throws: SketchCodecError.self) { try MulticlassAccumulator(decoding: Self.bytes(Self.multiclassCrash)) }
    }

    /// The golden regression blob holds count 4 (offset 5) and invalid 1 (offset 13): an invalid
    /// count of 2^62 − 4 reaches the bound exactly and decodes (and merges with itself); one more is refused.
    @Test func regressionTotalsStopAtTwoToTheSixtyTwo() throws {
        let golden = Self.bytes(PerformanceCodecTests.regressionV1)
        let atBound = try RegressionAccumulator(decoding: Self.patched(golden, at: 13, (1 << 62) - 4))
        #expect(atBound.count + atBound.invalidCount == 1 << 62)
        let merged = try atBound.merging(atBound)
        #expect(merged.invalidCount == 2 * ((1 << 62) - 4))
        #expect(throws: SketchCodecError.self) {
            try RegressionAccumulator(decoding: Self.patched(golden, at: 13, (1 << 62) - 3))
        }
    }

    /// The golden multiclass blob holds 4 rows in its cells and the rejected count at offset 5.
    @Test func multiclassRejectedCountIsBounded() throws {
        let golden = Self.bytes(PerformanceCodecTests.multiclassV1)
        let atBound = try MulticlassAccumulator(decoding: Self.patched(golden, at: 5, (1 << 62) - 4))
        #expect(atBound.rejectedCount == (1 << 62) - 4)
        #expect(try atBound.merging(atBound).rejectedCount == 2 * ((1 << 62) - 4))
        #expect(throws: SketchCodecError.self) {
            try MulticlassAccumulator(decoding: Self.patched(golden, at: 5, (1 << 62) - 3))
        }
        #expect(throws: SketchCodecError.self) {
            try MulticlassAccumulator(decoding: Self.patched(golden, at: 5, .max))
        }
    }

    /// Binary classification: the four cells plus the invalid count are bounded the same way.
    @Test func binaryTotalsAreBounded() throws {
        let golden = Self.bytes(PerformanceCodecTests.binaryV1)
        // Offsets: header 5, threshold 8, two bin counts 4+4, then TP, FP, TN, FN, invalid (UInt64 each).
        let invalidOffset = 5 + 8 + 4 + 4 + 4 * 8
        #expect(throws: SketchCodecError.self) {
            try BinaryClassificationAccumulator(decoding: Self.patched(golden, at: invalidOffset, 1 << 62))
        }
    }
}
