import DriftTestSupport
import Testing

@testable import DriftCore

/// The fast Birnbaum–Tingey sum (`KolmogorovDistribution.smirnovSurvival`) against two independent
/// oracles: every term summed in Float80 (`KolmogorovOracles`) and scipy's double-double sum
/// (`Fixtures/reference/stats/make_kolmogorov_reference.py`).
///
/// Bound 1e-12 relative: the Float80 reference is good to ~4e-13 at n = 200,000 (three rounded
/// log-factorials of up to 2.3e6); the fast sum to ~1e-13 (chain of at most 128 ratios of a few
/// ulps each, anchors of ~1e-13 absolute in log T) plus ≤ 4·n·x²·2⁻⁵³ ≤ 1.6e-13 from rounding n·x
/// (both oracles take x exactly); scipy's sum is good to ~1e-16.
struct KolmogorovSumTests {
    /// x on a grid of z = x·√n from p ≈ 1 (z = 0.3) down to p ≈ 1e-297 (z = 18.5), plus large x.
    private static func grid(_ n: Int, _ zs: [Double]) -> [Double] {
        let xs = zs.map { min($0 / Double(n).squareRoot(), 0.999) } + [0.5, 0.75, 0.95]
        return Array(Set(xs.filter { 2 * Double(n) * $0 * $0 < 700 })).sorted()
    }

    private static func relativeGap(_ actual: Double, _ expected: Double) -> Double {
        expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
    }

    #if arch(x86_64) || arch(i386)
        @Test func fastSumMatchesEveryTermSummedInFloat80() {
            let full: [Double] = [0.3, 0.8, 1.2, 1.5, 2.2, 3, 5, 8, 12, 18.5]
            let sparse: [Double] = [0.8, 2.2, 5, 18.5]
            let sizes = [1, 2, 3, 4, 5, 7, 10, 37, 140, 141, 500, 2222, 10_000, 33_333, 100_000, 200_000]
            for n in sizes {
                for x in Self.grid(n, n > 20_000 ? sparse : full) {
                    let expected = KolmogorovOracles.smirnovFullSum(n: n, x: x)
                    let actual = KolmogorovDistribution.smirnovSurvival(n: n, x: x)
                    let gap = Self.relativeGap(actual, expected)
                    #expect(gap <= 1e-12, "n \(n) x \(x): \(actual) vs \(expected) (\(gap))")
                }
            }
        }

        @Test func termRatiosDecreaseSoTheTermsAreUnimodal() {
            // Where the early stop is used (n·x² − x > ½): log T(v+1) − log T(v) never increases.
            for n in [5, 37, 141, 2222, 33_333] {
                for x in Self.grid(n, [0.8, 1.5, 2.2, 5, 12, 18.5]) where Double(n) * x * x - x > 0.5 {
                    let logs = KolmogorovOracles.smirnovLogTerms(n: n, x: x).filter { $0 > -.infinity }
                    var previous = Float80.infinity
                    var increases = 0
                    for v in 0..<(logs.count - 1) {
                        let step = logs[v + 1] - logs[v]
                        if step > previous + 1e-9 { increases += 1 }
                        previous = step
                    }
                    #expect(increases == 0, "n \(n) x \(x)")
                }
            }
        }
    #endif

    @Test func fastSumMatchesScipyDoubleDoubleSmirnov() throws {
        let rows = try #require(ScoresReferenceFixture.kolmogorov, "kolmogorov_reference.json missing")["smirnov"].array
        #expect(rows.count == 135)
        for row in rows {
            let (n, x, expected) = (row["n"].int, row["x"].double, row["sf"].double)
            let actual = KolmogorovDistribution.smirnovSurvival(n: n, x: x)
            #expect(Self.relativeGap(actual, expected) <= 1e-12, "n \(n) x \(x): \(actual) vs \(expected)")
        }
    }

    @Test func kstwoAtBackfillSizesMatchesScipyDownTo1e300() throws {
        let rows = try #require(ScoresReferenceFixture.kolmogorov, "kolmogorov_reference.json missing")["kstwo"].array
        #expect(rows.count == 64)
        for row in rows {
            let (n, d, expected) = (row["n"].int, row["d"].double, row["p"].double)
            let actual = KolmogorovDistribution.survival(n: n, x: d)
            if row["branch"].string == "smirnov" {
                #expect(Self.relativeGap(actual, expected) <= 1e-12, "n \(n) d \(d): \(actual) vs \(expected)")
            } else {
                #expect(agrees(actual, expected), "n \(n) d \(d): \(actual) vs \(expected)")
            }
        }
    }
}
