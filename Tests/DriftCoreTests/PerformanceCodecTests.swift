import DriftTestSupport
import Testing

/// The v1 codecs of the performance accumulators: golden blobs, round trips, truncation and corruption.
struct PerformanceCodecTests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.filter { !$0.isWhitespace })
        return stride(from: 0, to: digits.count, by: 2).compactMap { UInt8(String(digits[$0...$0 + 1]), radix: 16) }
    }

    static func goldenBinary() -> BinaryClassificationAccumulator {
        var accumulator = BinaryClassificationAccumulator(threshold: 0.5, scoreBins: 10, calibrationBins: 4)
        for (score, label) in [(0.1, false), (0.4, false), (0.35, true), (0.8, true), (.nan, true)] {
            accumulator.insert(score: score, label: label)
        }
        return accumulator
    }

    static func goldenMulticlass() -> MulticlassAccumulator {
        var accumulator = MulticlassAccumulator()
        for (predicted, actual) in [("cat", "cat"), ("dog", "cat"), ("dog", "dog"), ("cat", "cat")] {
            accumulator.insert(predicted: predicted, actual: actual)
        }
        return accumulator
    }

    static func goldenRegression() -> RegressionAccumulator {
        var accumulator = RegressionAccumulator()
        for (predicted, actual) in [(2.5, 3), (0, -0.5), (2, 2), (8, 7), (.nan, 1)] {
            accumulator.insert(predicted: predicted, actual: actual)
        }
        return accumulator
    }

    /// `goldenBinary()`: header, threshold 0.5, 10 and 4 bins, TP 1 FP 0 TN 2 FN 1, invalid 1, sums,
    /// score bins 1, 3, 4, 8 and calibration bins 0, 1, 3. Never edit: add a v2 blob instead.
    static let binaryV1 = """
        4457090100000000000000e03f0a00000004000000010000000000000000000000000000000200000000000000010000\
        000000000001000000000000004feef940f739fe3f00000000000090bc3e0ad7a3703de43f00000000000060bc040000\
        000100000000000000000000000100000000000000030000000100000000000000000000000000000004000000000000\
        000000000001000000000000000800000001000000000000000000000000000000030000000000000001000000000000\
        0000000000000000009a9999999999b93f00000000000000000100000002000000000000000100000000000000000000\
        000000e83f000000000000000003000000010000000000000001000000000000009a9999999999e93f00000000000000\
        00
        """
    /// `goldenMulticlass()`: rejected 0, classes [cat, dog], cells (0,0)=2, (0,1)=1, (1,1)=1.
    static let multiclassV1 = """
        44570b01000000000000000000020000000300000063617403000000646f670300000000000000000000000200000000\
        0000000000000001000000010000000000000001000000010000000100000000000000
        """
    /// `goldenRegression()`: count 4, invalid 1, Σ|e| 2, Σe² 1.5, Σ|e|/|y| ≈ 1.31, Σe 1.
    static let regressionV1 = """
        44570a01000400000000000000010000000000000000000000000000400000000000000000000000000000f83f000000\
        00000000003dcff33ccff3f43f00000000000080bc000000000000f03f0000000000000000
        """

    @Test func binaryGoldenV1() throws {
        let accumulator = Self.goldenBinary()
        #expect(Self.hex(accumulator.encoded()) == Self.binaryV1.filter { !$0.isWhitespace })
        let decoded = try BinaryClassificationAccumulator(decoding: Self.bytes(hex: Self.binaryV1))
        #expect(decoded == accumulator)
        #expect(decoded.invalidCount == 1 && decoded.auc == 0.75)
    }

    @Test func multiclassGoldenV1() throws {
        let accumulator = Self.goldenMulticlass()
        #expect(Self.hex(accumulator.encoded()) == Self.multiclassV1.filter { !$0.isWhitespace })
        let decoded = try MulticlassAccumulator(decoding: Self.bytes(hex: Self.multiclassV1))
        #expect(decoded == accumulator)
        #expect(decoded.confusionMatrix == [[2, 1], [0, 1]])
    }

    @Test func regressionGoldenV1() throws {
        let accumulator = Self.goldenRegression()
        #expect(Self.hex(accumulator.encoded()) == Self.regressionV1.filter { !$0.isWhitespace })
        #expect(accumulator.encoded().count == 85)
        let decoded = try RegressionAccumulator(decoding: Self.bytes(hex: Self.regressionV1))
        #expect(decoded == accumulator)
        #expect(decoded.mae == 0.5 && decoded.invalidCount == 1)
    }
}

extension PerformanceCodecTests {
    static func randomBinary(_ sampler: inout Sampler) -> BinaryClassificationAccumulator {
        var accumulator = BinaryClassificationAccumulator(
            threshold: Double(sampler.int(below: 11)) / 10, scoreBins: 1 + sampler.int(below: 2_000),
            calibrationBins: 1 + sampler.int(below: 30))
        for _ in 0..<sampler.int(below: 300) {
            let score = sampler.int(below: 50) == 0 ? .nan : sampler.uniform()
            accumulator.insert(score: score, label: sampler.uniform() < score)
        }
        return accumulator
    }

    static func randomMulticlass(_ sampler: inout Sampler) -> MulticlassAccumulator {
        let labels = ["a", "b", "é", "long label with spaces", "", "日本語", "Z"]
        var accumulator = MulticlassAccumulator()
        for _ in 0..<sampler.int(below: 200) {
            accumulator.insert(
                predicted: labels[sampler.int(below: labels.count)], actual: labels[sampler.int(below: labels.count)])
        }
        return accumulator
    }

    static func randomRegression(_ sampler: inout Sampler) -> RegressionAccumulator {
        var accumulator = RegressionAccumulator()
        for _ in 0..<sampler.int(below: 200) {
            let actual = sampler.int(below: 20) == 0 ? 0 : sampler.normal(mean: 10, sd: 5)
            accumulator.insert(predicted: sampler.int(below: 50) == 0 ? .infinity : sampler.normal(), actual: actual)
        }
        return accumulator
    }

    @Test func randomAccumulatorsRoundTripExactly() throws {
        for seed in UInt64(0)..<100 {
            var sampler = Sampler(seed: seed)
            let binary = Self.randomBinary(&sampler)
            let binaryBlob = binary.encoded()
            let binaryDecoded = try BinaryClassificationAccumulator(decoding: binaryBlob)
            #expect(binaryDecoded == binary && binaryDecoded.encoded() == binaryBlob, "seed \(seed)")

            let multiclass = Self.randomMulticlass(&sampler)
            let multiclassBlob = multiclass.encoded()
            let multiclassDecoded = try MulticlassAccumulator(decoding: multiclassBlob)
            #expect(multiclassDecoded == multiclass && multiclassDecoded.encoded() == multiclassBlob, "seed \(seed)")

            let regression = Self.randomRegression(&sampler)
            let regressionBlob = regression.encoded()
            let regressionDecoded = try RegressionAccumulator(decoding: regressionBlob)
            #expect(regressionDecoded == regression && regressionDecoded.encoded() == regressionBlob, "seed \(seed)")
        }
    }

    @Test func everyTruncationIsReportedAsTruncated() {
        let blobs: [(String, [UInt8], ([UInt8]) throws(SketchCodecError) -> Void)] = [
            (
                "binary", Self.goldenBinary().encoded(),
                { bytes throws(SketchCodecError) in
                    _ = try BinaryClassificationAccumulator(decoding: bytes)
                }
            ),
            (
                "multiclass", Self.goldenMulticlass().encoded(),
                { bytes throws(SketchCodecError) in
                    _ = try MulticlassAccumulator(decoding: bytes)
                }
            ),
            (
                "regression", Self.goldenRegression().encoded(),
                { bytes throws(SketchCodecError) in
                    _ = try RegressionAccumulator(decoding: bytes)
                }
            ),
        ]
        for (name, blob, decode) in blobs {
            for length in 0..<blob.count {
                do {
                    try decode(Array(blob.prefix(length)))
                    Issue.record("\(name): a \(length)-byte prefix decoded")
                } catch {
                    guard case .truncated = error else {
                        Issue.record("\(name): prefix of \(length) bytes gave \(error)")
                        continue
                    }
                }
            }
            #expect(throws: SketchCodecError.self, "\(name): one trailing byte") { try decode(blob + [0]) }
        }
    }

    @Test func randomBitFlipsAreRejectedOrDecodeCanonically() {
        var rejected = 0
        var trials = 0
        for seed in UInt64(0)..<300 {
            var sampler = Sampler(seed: seed)
            let family = sampler.int(below: 3)
            var blob: [UInt8]
            switch family {
            case 0: blob = Self.randomBinary(&sampler).encoded()
            case 1: blob = Self.randomMulticlass(&sampler).encoded()
            default: blob = Self.randomRegression(&sampler).encoded()
            }
            let position = sampler.int(below: blob.count)
            blob[position] ^= UInt8(1) << UInt8(sampler.int(below: 8))
            trials += 1
            do {
                let reencoded: [UInt8]
                switch family {
                case 0: reencoded = try BinaryClassificationAccumulator(decoding: blob).encoded()
                case 1: reencoded = try MulticlassAccumulator(decoding: blob).encoded()
                default: reencoded = try RegressionAccumulator(decoding: blob).encoded()
                }
                #expect(reencoded == blob, "seed \(seed): accepted a non-canonical blob (byte \(position))")
            } catch {
                rejected += 1
            }
        }
        // Flips in counts, indices, lengths, labels' order and the header are caught (124 of 300
        // with these seeds); flips inside a Double (a sum) cannot be detected without a checksum,
        // which the v1 format does not carry, but they still decode to a canonical value.
        #expect(rejected * 3 > trials, "rejected \(rejected) of \(trials)")
    }
}
