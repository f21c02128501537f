import DriftTestSupport
import Testing

/// FeatureSummary: counters, merge laws over seeded splits, the v1 codec and its golden blobs.
struct FeatureSummaryTests {
    private static let edges = [0.0, 1.0, 2.5, 4.0, 6.0]

    /// The golden feature blobs of `Fixtures/Summaries/golden_profile_v1.py` (never edit: add v2).
    /// "amount": numeric, bins [0, 1.5, 10]; 1, 2, 3, 4, NaN, missing, wrong type.
    static let goldenAmount = """
        445707010100070000000000000001000000000000000100000000000000010000000000000035000000445702010004\
        00000000000000000000000000f03f000000000000f83f0000000000001440000000000000f03f00000000000010404c\
        0000004457010100c800010400000000000000316e696f634c4c4b000000000000f03f00000000000010400400000000\
        0000000000104000000000000008400000000000000040000000000000f03f4100000044570301000300000000000000\
        00000000000000000000f83f000000000000244000000000000000000100000000000000030000000000000000000000\
        00000000
        """
    /// "country": categorical; b, a, b, é, missing.
    static let goldenCountry = """
        44570701000105000000000000000100000000000000000000000000000000000000000000003e0000004457040100e8\
        03000004000000000000000c03000000010000006101000000000000000100000062020000000000000002000000c3a9\
        0100000000000000
        """

    static func goldenAmountSummary() -> FeatureSummary {
        ObservationStreams.summary(
            .numeric, [.number(1), .number(2), .number(3), .number(4), .number(.nan), .missing, .typeMismatch],
            edges: [0, 1.5, 10])
    }

    static func goldenCountrySummary() -> FeatureSummary {
        ObservationStreams.summary(
            .categorical, [.category("b"), .category("a"), .category("b"), .category("é"), .missing])
    }

    @Test func countersAccountForEveryObservation() {
        for seed in UInt64(1)...20 {
            let observations = ObservationStreams.numeric(count: 500 + Int(seed) * 37, seed: seed)
            let s = ObservationStreams.summary(.numeric, observations, edges: Self.edges)
            let finite = observations.filter { if case .number(let x) = $0 { x.isFinite } else { false } }
            #expect(s.rows == UInt64(observations.count), "seed \(seed)")
            #expect(s.missing == UInt64(observations.count { $0 == .missing }), "seed \(seed)")
            #expect(s.typeMismatches == UInt64(observations.count { $0 == .typeMismatch }), "seed \(seed)")
            #expect(s.validCount == UInt64(finite.count), "seed \(seed)")
            #expect(s.rows == s.missing + s.nonFinite + s.typeMismatches + s.validCount, "seed \(seed)")
            #expect(s.sketch.count == s.validCount && s.bins?.total == s.validCount, "seed \(seed)")
            #expect(s.missingShare == Double(s.missing) / Double(s.rows), "seed \(seed)")

            let categories = ObservationStreams.categorical(count: 400, ids: 50, seed: seed)
            let c = ObservationStreams.summary(.categorical, categories)
            #expect(
                c.rows == 400 && c.rows == c.missing + c.nonFinite + c.typeMismatches + c.validCount, "seed \(seed)")
            #expect(c.validCount == UInt64(categories.count { if case .category = $0 { true } else { false } }))
        }
        #expect(FeatureSummary(kind: .numeric).missingShare == 0)
    }

    @Test func mergeOfRandomSplitsIsAssociativeAndMatchesTheWholeStream() throws {
        for seed in UInt64(1)...25 {
            let cases: [(FeatureKind, [Observation], [Double]?)] = [
                (.numeric, ObservationStreams.numeric(count: 1_500, seed: seed), Self.edges),
                (.numeric, ObservationStreams.numeric(count: 300, seed: seed), nil),
                (.categorical, ObservationStreams.categorical(count: 1_200, ids: 300, seed: seed), nil),
            ]
            for (kind, observations, edges) in cases {
                let whole = ObservationStreams.summary(kind, observations, edges: edges)
                let parts = ObservationStreams.threeParts(observations, seed: seed &* 31)
                    .map { ObservationStreams.summary(kind, $0, edges: edges) }
                let left = try parts[0].merging(parts[1]).merging(parts[2])
                let right = try parts[0].merging(parts[1].merging(parts[2]))
                #expect(left.exactParts == whole.exactParts, "seed \(seed) \(kind): (a+b)+c equals the whole stream")
                #expect(right.exactParts == whole.exactParts, "seed \(seed) \(kind): a+(b+c) equals the whole stream")
                #expect(momentsAgree(left.moments, whole.moments) && momentsAgree(right.moments, whole.moments))
                #expect(left.bins == whole.bins, "seed \(seed): bins merge exactly")
            }
        }
    }

    @Test func mergeIsCommutativeWhereExact() throws {
        for seed in UInt64(1)...25 {
            let a = ObservationStreams.summary(
                .numeric, ObservationStreams.numeric(count: 700, seed: seed), edges: Self.edges)
            let b = ObservationStreams.summary(
                .numeric, ObservationStreams.numeric(count: 900, seed: seed + 100), edges: Self.edges)
            let ab = try a.merging(b)
            let ba = try b.merging(a)
            #expect(ab.exactParts == ba.exactParts, "seed \(seed)")
            #expect(ab.moments == ba.moments, "seed \(seed): Moments merge is commutative bit for bit")
            let c = ObservationStreams.summary(
                .categorical, ObservationStreams.categorical(count: 500, ids: 80, seed: seed))
            let d = ObservationStreams.summary(
                .categorical, ObservationStreams.categorical(count: 300, ids: 120, seed: seed + 7))
            #expect(try c.merging(d) == d.merging(c), "seed \(seed): categorical summaries merge commutatively")
        }
    }

    @Test func emptySummaryIsTheIdentity() throws {
        for seed in UInt64(1)...10 {
            let observations = ObservationStreams.numeric(count: 400, seed: seed)
            for s in [
                ObservationStreams.summary(.numeric, observations, edges: Self.edges),
                ObservationStreams.summary(.numeric, observations),
                ObservationStreams.summary(
                    .categorical, ObservationStreams.categorical(count: 300, ids: 40, seed: seed)),
            ] {
                for empty in [FeatureSummary(kind: s.kind), FeatureSummary(kind: s.kind, binEdges: s.bins?.edges)] {
                    #expect(try s.merging(empty) == s, "seed \(seed) \(s.kind): s + empty == s")
                    #expect(try empty.merging(s) == s, "seed \(seed) \(s.kind): empty + s == s")
                }
            }
        }
    }

    @Test func binsWithDifferentEdgesDropToNil() throws {
        let observations = ObservationStreams.numeric(count: 600, seed: 3)
        let a = ObservationStreams.summary(.numeric, observations, edges: Self.edges)
        let b = ObservationStreams.summary(.numeric, observations, edges: [0, 1, 2])
        let unbinned = ObservationStreams.summary(.numeric, observations)
        for (x, y) in [(a, b), (b, a), (a, unbinned), (unbinned, a)] {
            let merged = try x.merging(y)
            #expect(merged.bins == nil, "bins over different edges cannot be added")
            #expect(
                merged.rows == 1_200 && merged.validCount == 2 * a.validCount
                    && merged.sketch.count == merged.validCount)
        }
        // An empty side with other edges is no evidence against the non-empty side's bins only if it has none.
        #expect(try a.merging(FeatureSummary(kind: .numeric)).bins == a.bins)
    }

    @Test func kindsDifferThrowsAndLeavesSelfUnchanged() {
        var numeric = ObservationStreams.summary(
            .numeric, ObservationStreams.numeric(count: 200, seed: 1), edges: Self.edges)
        let original = numeric
        let categorical = ObservationStreams.summary(
            .categorical, ObservationStreams.categorical(count: 200, ids: 10, seed: 1))
        #expect(throws: SummaryMergeError.kindsDiffer("numeric", "categorical")) { try numeric.merge(categorical) }
        #expect(numeric == original)
        var other = categorical
        #expect(throws: SummaryMergeError.kindsDiffer("categorical", "numeric")) { try other.merge(numeric) }
        #expect(other == categorical)
    }

    @Test func goldenV1() throws {
        let amount = Self.goldenAmountSummary()
        let country = Self.goldenCountrySummary()
        #expect(Hex.string(amount.encoded()) == Self.goldenAmount)
        #expect(Hex.string(country.encoded()) == Self.goldenCountry)
        let decodedAmount = try FeatureSummary(decoding: #require(Hex.bytes(Self.goldenAmount)))
        let decodedCountry = try FeatureSummary(decoding: #require(Hex.bytes(Self.goldenCountry)))
        #expect(decodedAmount == amount && decodedCountry == country)
        #expect(Hex.string(decodedAmount.encoded()) == Self.goldenAmount)
    }

    @Test func codecRoundTripsOverSeeds() throws {
        for seed in UInt64(1)...12 {
            let numeric = ObservationStreams.numeric(count: 100 + Int(seed) * 150, seed: seed)
            let summaries = [
                ObservationStreams.summary(.numeric, numeric, edges: Self.edges),
                ObservationStreams.summary(.numeric, numeric),
                ObservationStreams.summary(
                    .categorical, ObservationStreams.categorical(count: 800, ids: 60, seed: seed)),
                ObservationStreams.summary(
                    .categorical, ObservationStreams.categorical(count: 800, ids: 600, seed: seed), categoryCap: 40),
                FeatureSummary(kind: .numeric), FeatureSummary(kind: .numeric, binEdges: [1]),
                FeatureSummary(kind: .categorical),
            ]
            for s in summaries {
                let blob = s.encoded()
                let decoded = try FeatureSummary(decoding: blob)
                #expect(decoded == s, "seed \(seed) \(s.kind)")
                #expect(decoded.encoded() == blob, "seed \(seed) \(s.kind)")
            }
        }
    }

    @Test func nonDefaultParametersOfTheUnusedPartRoundTrip() throws {
        let categorical = try ObservationStreams.summary(.categorical, [.category("a")]).merging(
            FeatureSummary(kind: .categorical, sketchK: 64))
        for s in [
            FeatureSummary(kind: .categorical, sketchK: 64), FeatureSummary(kind: .numeric, categoryCap: 10),
            categorical,
        ] {
            #expect(
                try FeatureSummary(decoding: s.encoded()) == s, "\(s.kind): the part a kind does not use is not state")
        }
    }

    @Test func everyTruncationIsRejected() throws {
        for s in [
            Self.goldenAmountSummary(), Self.goldenCountrySummary(),
            ObservationStreams.summary(.numeric, ObservationStreams.numeric(count: 2_000, seed: 5), edges: Self.edges),
        ] {
            let blob = s.encoded()
            for length in 0..<blob.count {
                #expect(throws: SketchCodecError.self, "length \(length) of \(blob.count)") {
                    try FeatureSummary(decoding: Array(blob.prefix(length)))
                }
            }
            #expect(throws: SketchCodecError.trailingBytes(family: .featureSummary, count: 1)) {
                try FeatureSummary(decoding: blob + [0])
            }
        }
    }

    @Test func decoderRejectsInconsistentFields() throws {
        let amount = try #require(Hex.bytes(Self.goldenAmount))
        let country = try #require(Hex.bytes(Self.goldenCountry))
        var badKind = amount
        badKind[5] = 2
        var badFlags = amount
        badFlags[4] = 3
        var binsFlagOnCategorical = country
        binsFlagOnCategorical[4] = 1
        var badRows = amount
        badRows[6] = 8  // 8 rows, but 1 + 1 + 1 + 4 are accounted for
        var badMissing = country
        badMissing[14] = 0
        for (name, blob) in [
            ("kind", badKind), ("flags", badFlags), ("categorical flags", binsFlagOnCategorical), ("rows", badRows),
            ("missing", badMissing),
        ] {
            #expect(throws: SketchCodecError.self, "\(name)") { try FeatureSummary(decoding: blob) }
        }
    }

    @Test func decoderRejectsPartsThatDisagreeOnTheCount() throws {
        // Numeric summary whose sketch holds 3 values while the moments and bins hold 4.
        var shortSketch = ObservationStreams.summary(.numeric, [.number(1), .number(2), .number(3), .number(4)])
        shortSketch.sketch = KLLSketch()
        for x in [1.0, 2, 3] { shortSketch.sketch.insert(x) }
        #expect(throws: SketchCodecError.self) { try FeatureSummary(decoding: shortSketch.encoded()) }
        var shortBins = Self.goldenAmountSummary()
        shortBins.bins = BinnedCounts(edges: [0, 1.5, 10])
        #expect(throws: SketchCodecError.self) { try FeatureSummary(decoding: shortBins.encoded()) }
    }

    @Test func corruptionNeverCrashes() {
        let blobs = [
            Self.goldenAmountSummary().encoded(), Self.goldenCountrySummary().encoded(),
            ObservationStreams.summary(.numeric, ObservationStreams.numeric(count: 1_000, seed: 2), edges: Self.edges)
                .encoded(),
        ]
        for blob in blobs {
            for seed in UInt64(1)...10 {
                for variant in BlobCorruption.variants(of: blob, seed: seed, trials: 100) {
                    if let decoded = try? FeatureSummary(decoding: variant) {
                        let accounted =
                            decoded.missing &+ decoded.nonFinite &+ decoded.typeMismatches &+ decoded.validCount
                        #expect(decoded.rows == accounted, "seed \(seed): a decoded summary keeps its invariant")
                        #expect(decoded.encoded() == variant, "seed \(seed): a decoded blob re-encodes to itself")
                    }
                }
            }
        }
    }
}
