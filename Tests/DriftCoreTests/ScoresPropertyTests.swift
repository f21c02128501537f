import DriftTestSupport
import Testing

/// Seeded properties: the linear-time statistics equal their definitions, and the laws hold.
struct ScoresPropertyTests {
    /// A sample with heavy ties on some seeds (values rounded to a coarse grid).
    private func sample(_ sampler: inout Sampler, count: Int, shift: Double, ties: Bool) -> [Double] {
        (0..<count).map { _ in
            let x = sampler.normal(mean: shift, sd: 1)
            return ties ? (x * 2).rounded() / 2 : x
        }
    }

    @Test func ksAndWassersteinEqualTheirDefinitions() {
        for seed in UInt64(1)...40 {
            var sampler = Sampler(seed: seed)
            let ties = seed % 3 == 0
            let a = sample(&sampler, count: 1 + sampler.int(below: 120), shift: 0, ties: ties)
            let b = sample(&sampler, count: 1 + sampler.int(below: 120), shift: 0.3, ties: ties)
            let d = KolmogorovSmirnov.statistic(baseline: ScoresOracles.weighted(a), window: ScoresOracles.weighted(b))
            #expect(d == ScoresOracles.ksStatistic(a, b), "seed \(seed)")
            let w = Wasserstein.distance(baseline: ScoresOracles.weighted(a), window: ScoresOracles.weighted(b))
            let naive = ScoresOracles.wasserstein(a, b)
            #expect(abs(w - naive) <= 1e-12 * max(1, naive), "seed \(seed): \(w) vs \(naive)")
        }
    }

    @Test func weightsActLikeRepeatedValues() {
        for seed in UInt64(100)...130 {
            var sampler = Sampler(seed: seed)
            func view(_ count: Int, _ shift: Double) -> [WeightedValue] {
                let values = sample(&sampler, count: count, shift: shift, ties: true)
                return values.sorted().map { WeightedValue(value: $0, weight: UInt64(1 + sampler.int(below: 8))) }
            }
            let a = view(60, 0)
            let b = view(50, 0.5)
            let (ea, eb) = (ScoresOracles.expanded(a), ScoresOracles.expanded(b))
            let d = KolmogorovSmirnov.statistic(baseline: a, window: b)
            #expect(abs(d - ScoresOracles.ksStatistic(ea, eb)) < 1e-15, "seed \(seed)")
            let w = Wasserstein.distance(baseline: a, window: b)
            let naive = ScoresOracles.wasserstein(ea, eb)
            #expect(abs(w - naive) <= 1e-12 * max(1, naive), "seed \(seed)")
            // Symmetric in the two sides.
            #expect(d == KolmogorovSmirnov.statistic(baseline: b, window: a), "seed \(seed)")
        }
    }

    @Test func binnedDistancesAreBoundedAndSymmetric() {
        for seed in UInt64(200)...260 {
            var sampler = Sampler(seed: seed)
            let bins = 2 + sampler.int(below: 15)
            let p = (0..<bins).map { _ in Double(sampler.int(below: 50)) + (seed % 2 == 0 ? 1 : 0) }
            let q = (0..<bins).map { _ in Double(sampler.int(below: 50)) + 1 }
            guard p.reduce(0, +) > 0 else { continue }
            let psi = PopulationStability.index(baseline: p, window: q)
            let reversed = PopulationStability.index(baseline: q, window: p)
            #expect(psi >= 0 && abs(psi - reversed) <= 1e-12 * max(1, psi), "seed \(seed)")
            let js = JensenShannon.distance(baseline: p, window: q)
            #expect(js >= 0 && js <= 1, "seed \(seed)")
            #expect(abs(js - JensenShannon.distance(baseline: q, window: p)) < 1e-15, "seed \(seed)")
            let h = Hellinger.distance(baseline: p, window: q)
            #expect(h >= 0 && h <= 1, "seed \(seed)")
            let linf = LInfinity.distance(baseline: p, window: q)
            #expect(linf >= 0 && linf <= 1, "seed \(seed)")
            // Identical shares: every distance is 0.
            let scaled = p.map { $0 * 3 }
            #expect(PopulationStability.index(baseline: p, window: scaled) == 0, "seed \(seed)")
            #expect(Hellinger.distance(baseline: p, window: scaled) < 1e-7, "seed \(seed)")
        }
    }

    @Test func lumpingKeepsTheRowsAndEveryColumnIsValid() {
        let cdf = Sampler.zipfCDF(n: 60, s: 1.3)
        for seed in UInt64(300)...340 {
            var sampler = Sampler(seed: seed)
            var baseline = [Double](repeating: 0, count: 60)
            var window = [Double](repeating: 0, count: 60)
            for _ in 0..<(50 + sampler.int(below: 400)) { baseline[sampler.zipf(cdf: cdf) - 1] += 1 }
            for _ in 0..<(50 + sampler.int(below: 400)) { window[min(59, sampler.zipf(cdf: cdf) + 2) - 1] += 1 }
            guard let table = CategoryLumping.lump(baseline: baseline, window: window) else { continue }
            #expect(table.baseline.reduce(0, +) == baseline.reduce(0, +), "seed \(seed)")
            #expect(table.window.reduce(0, +) == window.reduce(0, +), "seed \(seed)")
            let rowB = table.baseline.reduce(0, +)
            let rowW = table.window.reduce(0, +)
            for j in table.baseline.indices {
                let expected = min(rowB, rowW) * (table.baseline[j] + table.window[j]) / (rowB + rowW)
                #expect(expected >= CategoryLumping.defaultMinimumExpected, "seed \(seed) column \(j)")
            }
            let members = table.members.flatMap { $0 }
            #expect(Set(members).count == members.count, "seed \(seed): a category in two columns")
            let p = ChiSquare.test(baseline: table.baseline, window: table.window)?.pValue ?? .nan
            #expect(p >= 0 && p <= 1, "seed \(seed)")
        }
    }

    @Test func ksPValueFallsAsDGrowsAcrossEveryBranch() {
        // Scipy's branches (exact Durbin, Pelz–Good approximation, Smirnov tail) meet with tiny seams.
        for (n, m) in [(8, 9), (100, 120), (2000, 3000), (150_000, 150_000)] {
            var previous = 1.0
            var d = 0.0005
            while d < 1 {
                let p = KolmogorovSmirnov.pValue(d: d, n: n, m: m)
                #expect(p >= 0 && p <= 1 && p <= previous + 1e-6, "n \(n) m \(m) d \(d): \(p) after \(previous)")
                previous = p
                d *= 1.07
            }
        }
    }
}
