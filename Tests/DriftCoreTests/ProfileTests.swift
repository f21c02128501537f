import DriftTestSupport
import Testing

/// One log line's worth of observations for the profile tests.
private struct Row {
    var amount: Observation
    var tenure: Observation
    var country: Observation
    var score: Double
    var label: Bool
}

private func rows(count: Int, seed: UInt64) -> [Row] {
    let amounts = ObservationStreams.numeric(count: count, seed: seed)
    let tenures = ObservationStreams.numeric(count: count, seed: seed &+ 1_000)
    let countries = ObservationStreams.categorical(count: count, ids: 40, seed: seed &+ 2_000)
    var sampler = Sampler(seed: seed &+ 3_000)
    return (0..<count).map { i in
        let score = sampler.uniform()
        return Row(
            amount: amounts[i], tenure: tenures[i], country: countries[i], score: score,
            label: sampler.uniform() < score)
    }
}

private let amountEdges = [0.0, 1.5, 3.0, 4.5]

/// The profile of `rows`, built the way the window aggregator builds one.
private func profile(_ rows: some Sequence<Row>) -> Profile {
    var p = Profile()
    var amount = FeatureSummary(kind: .numeric, binEdges: amountEdges)
    var tenure = FeatureSummary(kind: .numeric)
    var country = FeatureSummary(kind: .categorical)
    var prediction = FeatureSummary(kind: .numeric)
    var label = FeatureSummary(kind: .numeric)
    var binary = BinaryClassificationAccumulator(scoreBins: 100)
    for row in rows {
        p.rows += 1
        amount.record(row.amount)
        tenure.record(row.tenure)
        country.record(row.country)
        prediction.insert(number: row.score)
        label.insert(number: row.label ? 1 : 0)
        binary.insert(score: row.score, label: row.label)
    }
    p.features = ["amount": amount, "tenure": tenure, "country": country]
    p.prediction = prediction
    p.label = label
    p.binary = binary
    return p
}

/// What merging keeps exactly in a profile.
private struct ProfileExactParts: Equatable {
    var rows: UInt64
    var features: [String: ExactParts]
    var prediction: ExactParts?
    var label: ExactParts?
    var confusion: [UInt64]?

    init(_ p: Profile) {
        rows = p.rows
        features = p.features.mapValues(\.exactParts)
        prediction = p.prediction?.exactParts
        label = p.label?.exactParts
        confusion = p.binary.map {
            [$0.truePositives, $0.falsePositives, $0.trueNegatives, $0.falseNegatives, $0.invalidCount]
        }
    }
}

/// Profile: merge laws, canonical v1 encoding, golden blob, truncation and corruption.
struct ProfileTests {
    /// `Fixtures/Summaries/golden_profile_v1.py`: the two golden features of FeatureSummaryTests,
    /// prediction 0.25, 0.75, label 1, 0, and PerformanceCodecTests.goldenBinary(); 7 rows.
    /// Never edit: add a v2 blob instead.
    static let goldenV1 = """
        445708010707000000000000000200000006000000616d6f756e74f40000004457070101000700000000000000010000\
        0000000000010000000000000001000000000000003500000044570201000400000000000000000000000000f03f0000\
        00000000f83f0000000000001440000000000000f03f00000000000010404c0000004457010100c80001040000000000\
        0000316e696f634c4c4b000000000000f03f000000000000104004000000000000000000104000000000000008400000\
        000000000040000000000000f03f410000004457030100030000000000000000000000000000000000f83f0000000000\
        002440000000000000000001000000000000000300000000000000000000000000000007000000636f756e7472796800\
        000044570701000105000000000000000100000000000000000000000000000000000000000000003e00000044570401\
        00e803000004000000000000000c03000000010000006101000000000000000100000062020000000000000002000000\
        c3a901000000000000009f00000044570701000002000000000000000000000000000000000000000000000000000000\
        000000003500000044570201000200000000000000000000000000d03f000000000000d03f000000000000c03f000000\
        000000d03f000000000000e83f3c0000004457010100c800010200000000000000316e696f634c4c4b000000000000d0\
        3f000000000000e83f02000000000000000000e83f000000000000d03f9f000000445707010000020000000000000000\
        00000000000000000000000000000000000000000000003500000044570201000200000000000000000000000000f03f\
        000000000000e0bf000000000000e03f0000000000000000000000000000f03f3c0000004457010100c8000102000000\
        00000000316e696f634c4c4b0000000000000000000000000000f03f020000000000000000000000000000000000f03f\
        210100004457090100000000000000e03f0a000000040000000100000000000000000000000000000002000000000000\
        00010000000000000001000000000000004feef940f739fe3f00000000000090bc3e0ad7a3703de43f00000000000060\
        bc0400000001000000000000000000000001000000000000000300000001000000000000000000000000000000040000\
        000000000000000000010000000000000008000000010000000000000000000000000000000300000000000000010000\
        000000000000000000000000009a9999999999b93f000000000000000001000000020000000000000001000000000000\
        00000000000000e83f000000000000000003000000010000000000000001000000000000009a9999999999e93f000000\
        0000000000
        """

    static func goldenProfile() -> Profile {
        var p = Profile()
        p.rows = 7
        p.features["country"] = FeatureSummaryTests.goldenCountrySummary()
        p.features["amount"] = FeatureSummaryTests.goldenAmountSummary()
        p.prediction = ObservationStreams.summary(.numeric, [.number(0.25), .number(0.75)])
        p.label = ObservationStreams.summary(.numeric, [.number(1), .number(0)])
        p.binary = PerformanceCodecTests.goldenBinary()
        return p
    }

    @Test func goldenV1DecodesAndReencodesToTheSameBytes() throws {
        let golden = try #require(Hex.bytes(Self.goldenV1))
        let decoded = try Profile(decoding: golden)
        #expect(decoded == Self.goldenProfile())
        #expect(decoded.encoded() == golden)
        #expect(Self.goldenProfile().encoded() == golden)
        #expect(
            decoded.featureNames == ["amount", "country"] && decoded.regression == nil && decoded.multiclass == nil)
    }

    @Test func encodingIsCanonicalWhateverTheInsertionOrder() throws {
        for seed in UInt64(1)...10 {
            var sampler = Sampler(seed: seed)
            let names = (0..<30).map { "feature_\($0 * 7 % 30)_\(seed)" }
            let summaries = names.map { _ in
                ObservationStreams.summary(.numeric, ObservationStreams.numeric(count: 20, seed: sampler.rng.next()))
            }
            var forward = Profile()
            var shuffled = Profile()
            for (name, summary) in zip(names, summaries) { forward.features[name] = summary }
            for i in Array(names.indices).shuffled(using: &sampler.rng) { shuffled.features[names[i]] = summaries[i] }
            #expect(forward == shuffled)
            #expect(forward.encoded() == shuffled.encoded(), "seed \(seed): equal profiles encode to equal bytes")
            #expect(try Profile(decoding: shuffled.encoded()) == forward, "seed \(seed)")
        }
    }

    @Test func mergeOfRandomSplitsIsAssociativeAndMatchesTheWholeLog() throws {
        for seed in UInt64(1)...15 {
            let all = rows(count: 900, seed: seed)
            let whole = profile(all)
            let parts = ObservationStreams.threeParts(all, seed: seed &* 17).map { profile($0) }
            let left = try parts[0].merging(parts[1]).merging(parts[2])
            let right = try parts[0].merging(parts[1].merging(parts[2]))
            #expect(ProfileExactParts(left) == ProfileExactParts(whole), "seed \(seed): (a+b)+c")
            #expect(ProfileExactParts(right) == ProfileExactParts(whole), "seed \(seed): a+(b+c)")
            for name in whole.featureNames {
                #expect(try momentsAgree(#require(left.features[name]).moments, #require(whole.features[name]).moments))
            }
            let ba = try parts[1].merging(parts[0])
            let ab = try parts[0].merging(parts[1])
            #expect(ProfileExactParts(ab) == ProfileExactParts(ba), "seed \(seed): commutative")
            #expect(ab.features.mapValues(\.moments) == ba.features.mapValues(\.moments), "seed \(seed)")
            #expect(ab.features["country"] == ba.features["country"], "seed \(seed): exact categories commute")
        }
    }

    @Test func emptyProfileIsTheIdentity() throws {
        for seed in UInt64(1)...5 {
            let p = profile(rows(count: 300, seed: seed))
            #expect(try p.merging(Profile()) == p, "seed \(seed)")
            #expect(try Profile().merging(p) == p, "seed \(seed)")
        }
        #expect(try Profile().merging(Profile()) == Profile())
    }

    @Test func conflictingMergesThrowAndLeaveSelfUnchanged() {
        var p = profile(rows(count: 200, seed: 4))
        let original = p
        var kindChanged = profile(rows(count: 100, seed: 5))
        kindChanged.features["tenure"] = ObservationStreams.summary(.categorical, [.category("x")])
        #expect(throws: SummaryMergeError.kindsDiffer("numeric", "categorical")) { try p.merge(kindChanged) }
        #expect(p == original)
        var otherThreshold = profile(rows(count: 100, seed: 6))
        otherThreshold.binary = BinaryClassificationAccumulator(threshold: 0.7, scoreBins: 100)
        #expect(throws: SummaryMergeError.self) { try p.merge(otherThreshold) }
        #expect(p == original)
    }

    @Test func codecRoundTripsOverSeeds() throws {
        for seed in UInt64(1)...8 {
            var p = profile(rows(count: 100 + Int(seed) * 200, seed: seed))
            if seed % 2 == 0 {
                p.binary = nil
                var regression = RegressionAccumulator()
                regression.insert(predicted: 1, actual: 2)
                p.regression = regression
                var multiclass = MulticlassAccumulator()
                multiclass.insert(predicted: "a", actual: "b")
                p.multiclass = multiclass
                p.label = nil
            }
            let blob = p.encoded()
            let decoded = try Profile(decoding: blob)
            #expect(decoded == p, "seed \(seed)")
            #expect(decoded.encoded() == blob, "seed \(seed)")
        }
        #expect(try Profile(decoding: Profile().encoded()) == Profile())
    }

    @Test func everyTruncationIsRejected() throws {
        for blob in [try #require(Hex.bytes(Self.goldenV1)), profile(rows(count: 40, seed: 2)).encoded()] {
            for length in 0..<blob.count {
                #expect(throws: SketchCodecError.self, "length \(length) of \(blob.count)") {
                    try Profile(decoding: Array(blob.prefix(length)))
                }
            }
            #expect(throws: SketchCodecError.trailingBytes(family: .profile, count: 2)) {
                try Profile(decoding: blob + [1, 2])
            }
        }
    }

    @Test func decoderRejectsUnsortedNamesCountsAndFlags() throws {
        let feature = FeatureSummary(kind: .numeric).encoded()
        func blob(names: [String], count: UInt32? = nil, flags: UInt8 = 0) -> [UInt8] {
            var writer = ByteWriter(capacity: 256)
            writer.writeHeader(family: .profile, version: 1, flags: flags)
            writer.write(UInt64(0))
            writer.write(count ?? UInt32(names.count))
            for name in names {
                writer.write(name)
                writer.write(blob: feature)
            }
            return writer.bytes
        }
        #expect(try Profile(decoding: blob(names: ["a", "b"])).featureNames == ["a", "b"])
        #expect(throws: SketchCodecError.self, "descending") { try Profile(decoding: blob(names: ["b", "a"])) }
        #expect(throws: SketchCodecError.self, "duplicate") { try Profile(decoding: blob(names: ["a", "a"])) }
        #expect(throws: SketchCodecError.self, "over the limit") {
            try Profile(decoding: blob(names: [], count: 100_001))
        }
        #expect(throws: SketchCodecError.self, "unknown flag") { try Profile(decoding: blob(names: [], flags: 32)) }
        #expect(throws: SketchCodecError.self, "flagged but absent") {
            try Profile(decoding: blob(names: [], flags: 1))
        }
    }

    @Test func corruptionNeverCrashes() throws {
        for blob in [try #require(Hex.bytes(Self.goldenV1)), profile(rows(count: 60, seed: 3)).encoded()] {
            for seed in UInt64(1)...10 {
                for variant in BlobCorruption.variants(of: blob, seed: seed, trials: 100) {
                    if let decoded = try? Profile(decoding: variant) {
                        #expect(decoded.encoded() == variant, "seed \(seed): a decoded blob re-encodes to itself")
                    }
                }
            }
        }
    }
}
