// Binary layout of a BinaryClassificationAccumulator, format v1 (family 9). Little-endian.
//
// | offset | size | field                                                                    |
// |-------:|-----:|--------------------------------------------------------------------------|
// | 0      | 5    | header: "DW", family 9, version 1, flags 0                               |
// | 5      | 8    | threshold (Double in [0, 1])                                             |
// | 13     | 4    | scoreBins B (UInt32, 1…2^20)                                             |
// | 17     | 4    | calibrationBins C (UInt32, 1…2^16)                                       |
// | 21     | 8    | true positives (UInt64)                                                  |
// | 29     | 8    | false positives                                                          |
// | 37     | 8    | true negatives                                                           |
// | 45     | 8    | false negatives                                                          |
// | 53     | 8    | invalid count                                                            |
// | 61     | 16   | log loss sum (sum, compensation: Double, Double)                         |
// | 77     | 16   | Brier sum (sum, compensation)                                            |
// | 93     | 4    | S: occupied score bins (UInt32, ≤ B)                                     |
// | 97     | 20·S | per bin: index (UInt32, strictly ascending, < B), positives, negatives   |
// |        |      | (UInt64 each, not both 0)                                                |
// | …      | 4    | K: occupied calibration bins (UInt32, ≤ C)                               |
// | …      | 36·K | per bin: index (UInt32, strictly ascending, < C), rows (UInt64, > 0),    |
// |        |      | positives (UInt64, ≤ rows), score sum (sum, compensation)                |
//
// Only occupied bins are written, in ascending order, so equal accumulators encode to equal
// bytes. The decoder checks that the histograms add up to the confusion counts.

extension BinaryClassificationAccumulator {
    private static let family = CodecFamily.binaryClassification

    /// The canonical v1 encoding of this accumulator.
    ///
    /// - Complexity: O(`scoreBins` + `calibrationBins`).
    public func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 128)
        writer.writeHeader(family: Self.family, version: 1)
        writer.write(threshold)
        writer.write(UInt32(scoreBins))
        writer.write(UInt32(calibrationBins))
        for value in [truePositives, falsePositives, trueNegatives, falseNegatives, invalidCount] {
            writer.write(value)
        }
        logLossSum.write(to: &writer)
        brierSum.write(to: &writer)

        let scoreBinsUsed = (0..<scoreBins).filter {
            scoreHistogram.positiveCounts[$0] > 0 || scoreHistogram.negativeCounts[$0] > 0
        }
        writer.write(UInt32(scoreBinsUsed.count))
        for index in scoreBinsUsed {
            writer.write(UInt32(index))
            writer.write(scoreHistogram.positiveCounts[index])
            writer.write(scoreHistogram.negativeCounts[index])
        }

        let calibrationBinsUsed = (0..<calibrationBins).filter { calibration.counts[$0] > 0 }
        writer.write(UInt32(calibrationBinsUsed.count))
        for index in calibrationBinsUsed {
            writer.write(UInt32(index))
            writer.write(calibration.counts[index])
            writer.write(calibration.positives[index])
            calibration.scoreSums[index].write(to: &writer)
        }
        return writer.bytes
    }

    /// Decodes a blob written by ``encoded()``, checking every field.
    ///
    /// - Throws: ``SketchCodecError`` ("expected X, found Y") for a truncated, corrupt or
    ///   inconsistent blob, or one of another family or a newer version.
    /// - Complexity: O(blob size + `scoreBins` + `calibrationBins`).
    public init(decoding bytes: [UInt8]) throws(SketchCodecError) {
        let family = Self.family
        var reader = ByteReader(bytes)
        try reader.readPerformanceHeader(family: family)
        let threshold = try reader.readDouble(field: "threshold")
        guard threshold >= 0, threshold <= 1 else {
            throw .invalidField(
                family: family, field: "threshold", expected: "a value in [0, 1]", found: "\(threshold)")
        }
        let scoreBins = try Self.readBinCount(&reader, field: "scoreBins", limit: Self.maximumScoreBins)
        let calibrationBins = try Self.readBinCount(
            &reader, field: "calibrationBins", limit: Self.maximumCalibrationBins)
        let tp = try reader.readUInt64(field: "true positives")
        let fp = try reader.readUInt64(field: "false positives")
        let tn = try reader.readUInt64(field: "true negatives")
        let fn = try reader.readUInt64(field: "false negatives")
        let invalid = try reader.readUInt64(field: "invalid count")
        let count = try checkedSum(tp, fp, tn, fn, invalid, field: "row counts", family: family) - invalid
        let logLossSum = try CompensatedSum(reading: &reader, field: "log loss sum", family: family)
        let brierSum = try CompensatedSum(reading: &reader, field: "Brier sum", family: family)

        let histogram = try Self.readScoreHistogram(&reader, binCount: scoreBins)
        let calibration = try Self.readCalibration(&reader, binCount: calibrationBins)
        try reader.expectEnd(family: family)

        let (positives, negatives) = histogram.totals
        try Self.expect(positives, equals: tp + fn, field: "score histogram positives")
        try Self.expect(negatives, equals: fp + tn, field: "score histogram negatives")
        try Self.expect(calibration.counts.reduce(0, +), equals: count, field: "calibration rows")
        try Self.expect(calibration.positives.reduce(0, +), equals: tp + fn, field: "calibration positives")
        self.init(
            threshold: threshold, confusion: (tp, fp, tn, fn), invalidCount: invalid,
            scoreHistogram: histogram, calibration: calibration, logLossSum: logLossSum, brierSum: brierSum)
    }

    private static func readBinCount(
        _ reader: inout ByteReader, field: String, limit: Int
    ) throws(SketchCodecError) -> Int {
        let bins = try reader.readCount(field: field, family: family, limit: limit)
        guard bins >= 1 else {
            throw .invalidField(family: family, field: field, expected: "at least 1", found: "0")
        }
        return bins
    }

    /// Reads the next bin index, which must be below `binCount` and above `previous`.
    private static func readBinIndex(
        _ reader: inout ByteReader, field: String, binCount: Int, after previous: Int
    ) throws(SketchCodecError) -> Int {
        let index = Int(try reader.readUInt32(field: field))
        guard index > previous, index < binCount else {
            throw .invalidField(
                family: family, field: field, expected: "an index in \(previous + 1)..<\(binCount)", found: "\(index)")
        }
        return index
    }

    private static func readScoreHistogram(
        _ reader: inout ByteReader, binCount: Int
    ) throws(SketchCodecError) -> ScoreHistogram {
        let used = try reader.readCount(field: "occupied score bins", family: family, limit: binCount)
        var positives = [UInt64](repeating: 0, count: binCount)
        var negatives = [UInt64](repeating: 0, count: binCount)
        var previous = -1
        var totals: (UInt64, UInt64) = (0, 0)
        for _ in 0..<used {
            let index = try readBinIndex(&reader, field: "score bin index", binCount: binCount, after: previous)
            positives[index] = try reader.readUInt64(field: "score bin positives")
            negatives[index] = try reader.readUInt64(field: "score bin negatives")
            guard positives[index] > 0 || negatives[index] > 0 else {
                throw .invalidField(
                    family: family, field: "score bin \(index)", expected: "rows", found: "an empty bin")
            }
            totals.0 = try checkedSum(totals.0, positives[index], field: "score histogram positives", family: family)
            totals.1 = try checkedSum(totals.1, negatives[index], field: "score histogram negatives", family: family)
            previous = index
        }
        return ScoreHistogram(positiveCounts: positives, negativeCounts: negatives)
    }

    private static func readCalibration(
        _ reader: inout ByteReader, binCount: Int
    ) throws(SketchCodecError) -> CalibrationHistogram {
        let used = try reader.readCount(field: "occupied calibration bins", family: family, limit: binCount)
        var counts = [UInt64](repeating: 0, count: binCount)
        var positives = [UInt64](repeating: 0, count: binCount)
        var sums = [CompensatedSum](repeating: CompensatedSum(), count: binCount)
        var previous = -1
        var totals: (UInt64, UInt64) = (0, 0)
        for _ in 0..<used {
            let index = try readBinIndex(&reader, field: "calibration bin index", binCount: binCount, after: previous)
            counts[index] = try reader.readUInt64(field: "calibration bin rows")
            positives[index] = try reader.readUInt64(field: "calibration bin positives")
            guard counts[index] > 0, positives[index] <= counts[index] else {
                throw .invalidField(
                    family: family, field: "calibration bin \(index)",
                    expected: "1 or more rows, positives ≤ rows",
                    found: "\(counts[index]) rows, \(positives[index]) positives")
            }
            sums[index] = try CompensatedSum(reading: &reader, field: "calibration bin score sum", family: family)
            totals.0 = try checkedSum(totals.0, counts[index], field: "calibration rows", family: family)
            totals.1 = try checkedSum(totals.1, positives[index], field: "calibration positives", family: family)
            previous = index
        }
        return CalibrationHistogram(counts: counts, positives: positives, scoreSums: sums)
    }

    private static func expect(_ found: UInt64, equals expected: UInt64, field: String) throws(SketchCodecError) {
        guard found == expected else {
            throw .invalidField(
                family: family, field: field, expected: "\(expected) (from the confusion counts)", found: "\(found)")
        }
    }
}
