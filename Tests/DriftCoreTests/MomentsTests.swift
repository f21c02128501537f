import DriftTestSupport
import Testing

/// Two-pass reference: Neumaier-compensated mean, then compensated sum of squared deviations.
private func reference(_ xs: [Double]) -> (mean: Double, variance: Double) {
    func compensatedSum(_ values: some Sequence<Double>) -> Double {
        var sum = 0.0
        var compensation = 0.0
        for v in values {
            let t = sum + v
            compensation += abs(sum) >= abs(v) ? (sum - t) + v : (v - t) + sum
            sum = t
        }
        return sum + compensation
    }
    let mean = compensatedSum(xs) / Double(xs.count)
    let m2 = compensatedSum(xs.lazy.map { ($0 - mean) * ($0 - mean) })
    return (mean, m2 / Double(xs.count))
}

private func relativeError(_ a: Double, _ b: Double) -> Double {
    a == b ? 0 : abs(a - b) / Swift.max(abs(a), abs(b))
}

private func moments(_ xs: some Sequence<Double>) -> Moments {
    var m = Moments()
    for x in xs { m.insert(x) }
    return m
}

struct MomentsTests {
    @Test func handWorkedValues() {
        let m = moments([1, 2, 3, 4])
        #expect(m.count == 4 && m.mean == 2.5 && m.m2 == 5 && m.sum == 10)
        #expect(m.min == 1 && m.max == 4)
        #expect(m.variance == 1.25 && m.sampleVariance == 5.0 / 3.0)
        #expect(m.standardDeviation == 1.25.squareRoot())
        let empty = Moments()
        #expect(empty.min == nil && empty.max == nil && empty.variance == 0 && empty.sampleVariance == 0)
        #expect(moments([7]).sampleVariance == 0 && moments([7]).variance == 0)
    }

    @Test func matchesTwoPassReference() {
        for seed in UInt64(1)...20 {
            var sampler = Sampler(seed: seed)
            let n = 1 + sampler.int(below: 5_000)
            let xs = (0..<n).map { _ in seed % 2 == 0 ? sampler.normal(mean: 3, sd: 10) : sampler.lognormal(sigma: 2) }
            let m = moments(xs)
            let (mean, variance) = reference(xs)
            #expect(m.count == UInt64(n), "seed \(seed)")
            #expect(relativeError(m.mean, mean) < 1e-12, "seed \(seed)")
            #expect(relativeError(m.variance, variance) < 1e-10, "seed \(seed)")
            #expect(m.min == xs.min() && m.max == xs.max(), "seed \(seed)")
        }
    }

    @Test func survivesCatastrophicCancellation() {
        for seed in UInt64(1)...5 {
            var sampler = Sampler(seed: seed)
            let xs = (0..<100_000).map { _ in 1e9 + sampler.uniform() }
            let m = moments(xs)
            // Merging random pieces keeps the precision too.
            var pieces = Array(repeating: Moments(), count: 4)
            for x in xs { pieces[sampler.int(below: 4)].insert(x) }
            let merged = pieces[0].merging(pieces[1]).merging(pieces[2].merging(pieces[3]))
            let (mean, variance) = reference(xs)
            #expect(relativeError(m.mean, mean) < 1e-9, "seed \(seed)")
            #expect(relativeError(m.variance, variance) < 1e-12, "seed \(seed)")
            #expect(relativeError(merged.variance, variance) < 1e-9, "seed \(seed)")
            #expect(relativeError(merged.mean, mean) < 1e-12, "seed \(seed)")
            #expect(abs(variance - 1.0 / 12) < 0.005, "seed \(seed): the data are uniform noise on 1e9")
            // The textbook formula loses everything here: proof that the data really cancel.
            let naive = xs.reduce(0) { $0 + $1 * $1 } / Double(xs.count) - mean * mean
            #expect(relativeError(naive, variance) > 0.01, "seed \(seed)")
        }
    }

    @Test func mergeOfRandomSplitsEqualsWhole() {
        for seed in UInt64(1)...30 {
            var sampler = Sampler(seed: seed)
            let xs = (0..<(2 + sampler.int(below: 3_000))).map { _ in sampler.normal(mean: 50, sd: 5) }
            let parts = 1 + sampler.int(below: 6)
            var pieces = Array(repeating: Moments(), count: parts)
            for x in xs { pieces[sampler.int(below: parts)].insert(x) }
            let merged = pieces.reduce(Moments()) { $0.merging($1) }
            let whole = moments(xs)
            #expect(merged.count == whole.count && merged.min == whole.min && merged.max == whole.max, "seed \(seed)")
            #expect(relativeError(merged.mean, whole.mean) < 1e-12, "seed \(seed)")
            #expect(relativeError(merged.m2, whole.m2) < 1e-12, "seed \(seed)")
        }
    }

    @Test func mergeLaws() {
        for seed in UInt64(1)...50 {
            var sampler = Sampler(seed: seed)
            let parts = (0..<3).map { _ in moments((0..<sampler.int(below: 200)).map { _ in sampler.studentT(nu: 3) }) }
            let (a, b, c) = (parts[0], parts[1], parts[2])
            #expect(a.merging(b) == b.merging(a), "seed \(seed): commutativity is exact")
            #expect(a.merging(Moments()) == a && Moments().merging(a) == a, "seed \(seed): identity")
            let left = a.merging(b).merging(c)
            let right = a.merging(b.merging(c))
            #expect(left.count == right.count && left.min == right.min && left.max == right.max, "seed \(seed)")
            #expect(relativeError(left.mean, right.mean) < 1e-12 || abs(left.mean - right.mean) < 1e-15, "seed \(seed)")
            #expect(relativeError(left.m2, right.m2) < 1e-12, "seed \(seed)")
        }
    }

    @Test func signedZeroIsCanonical() {
        let a = moments([-0.0, 1])
        let b = moments([0.0, 1])
        #expect(a.encoded() == b.encoded())
        #expect(a.min?.sign == .plus)
    }

    // Golden v1 blobs, produced independently by Fixtures/Summaries/golden_v1.py.
    static let goldenOneToFour =
        "44570201000400000000000000000000000000f03f000000000000f83f0000000000001440000000000000f03f0000000000001040"
    static let goldenEmpty =
        "44570201000000000000000000000000000000000000000000000000000000000000000000000000000000f07f000000000000f0ff"

    @Test func goldenV1() throws {
        #expect(Hex.string(moments([1, 2, 3, 4]).encoded()) == Self.goldenOneToFour)
        #expect(Hex.string(Moments().encoded()) == Self.goldenEmpty)
        #expect(try Moments(decoding: #require(Hex.bytes(Self.goldenOneToFour))) == moments([1, 2, 3, 4]))
        #expect(try Moments(decoding: #require(Hex.bytes(Self.goldenEmpty))) == Moments())
    }

    @Test func codecRoundTripsAndRejectsTruncation() throws {
        for seed in UInt64(1)...20 {
            var sampler = Sampler(seed: seed)
            let m = moments((0..<sampler.int(below: 50)).map { _ in sampler.pareto(alpha: 1.5) })
            let blob = m.encoded()
            #expect(try Moments(decoding: blob) == m, "seed \(seed)")
            for length in 0..<blob.count {
                #expect(throws: SketchCodecError.self, "seed \(seed) length \(length)") {
                    try Moments(decoding: Array(blob.prefix(length)))
                }
            }
            #expect(throws: SketchCodecError.trailingBytes(family: .moments, count: 1)) {
                try Moments(decoding: blob + [0])
            }
        }
    }

    @Test func rejectsInvalidFields() throws {
        func blob(_ count: UInt64, _ mean: Double, _ m2: Double, _ min: Double, _ max: Double) -> [UInt8] {
            var w = ByteWriter()
            w.writeHeader(family: .moments, version: 1)
            w.write(count)
            w.write(count == 0 ? 0.0 : min)  // the shift: the first value, here the minimum
            w.write(count == 0 ? mean : mean - min)
            w.write(m2)
            w.write(min)
            w.write(max)
            return w.bytes
        }
        #expect(throws: SketchCodecError.self) { try Moments(decoding: blob(0, 1, 0, .infinity, -.infinity)) }
        #expect(throws: SketchCodecError.self) { try Moments(decoding: blob(2, 1, -1, 0, 2)) }
        #expect(throws: SketchCodecError.self) { try Moments(decoding: blob(2, 1, 1, 3, 2)) }
        #expect(throws: SketchCodecError.self) { try Moments(decoding: blob(2, .nan, 1, 0, 2)) }
        #expect(throws: SketchCodecError.self) { try Moments(decoding: blob(2, 1, 1, -0.0, 2)) }
        #expect(try Moments(decoding: blob(2, 1, 2, 0, 2)) == moments([0, 2]))
    }

    @Test func corruptionNeverCrashes() {
        let blob = moments([3, 1, 4, 1, 5, 9, 2, 6]).encoded()
        for seed in UInt64(1)...20 {
            for variant in BlobCorruption.variants(of: blob, seed: seed, trials: 100) {
                if let decoded = try? Moments(decoding: variant) {
                    #expect(decoded.encoded() == variant, "seed \(seed): a decoded blob re-encodes to itself")
                }
            }
        }
    }
}
