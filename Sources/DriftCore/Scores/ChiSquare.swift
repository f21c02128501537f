/// Pearson's χ² test of homogeneity on a 2×K table: do the baseline and the window share one
/// categorical distribution?
///
/// With row totals R_b, R_w, column totals Cⱼ and N = R_b + R_w, the expected counts are
/// E_rj = R_r·Cⱼ/N and
///
///     χ² = Σ_r Σⱼ (O_rj − E_rj)² / E_rj,   dof = K − 1,   p = P(χ²_dof ≥ χ²)
///
/// This is `scipy.stats.chi2_contingency(table, correction=False)`. Run it on a table lumped by
/// ``CategoryLumping`` (every expected count ≥ 5, where the χ² approximation holds), or use
/// ``lumpedTest(baseline:window:)``. On 100k-row windows the p-value flags differences too small
/// to matter, which is why PSI, not χ², is the default primary statistic.
public enum ChiSquare {
    /// The statistic, degrees of freedom and p-value of one test.
    public struct Result: Sendable, Equatable {
        /// Pearson's χ² statistic.
        public var statistic: Double
        /// Degrees of freedom: columns − 1.
        public var degreesOfFreedom: Int
        /// P(χ²_dof ≥ statistic).
        public var pValue: Double
    }

    /// The test on a 2×K table given as two rows; `nil` when fewer than 2 columns, a row total of
    /// zero, or an empty column (an expected count of 0, which scipy rejects) leaves it undefined.
    ///
    /// Worked example: baseline [10, 20], window [20, 10] → N = 60, every E = 15,
    /// χ² = 4 · 25/15 = 6.6667, dof 1, p = 0.009823.
    /// - Complexity: O(K) plus the incomplete gamma function.
    public static func test(baseline: [Double], window: [Double]) -> Result? {
        checkCountPair(baseline, window, "ChiSquare.test")
        let rowB = baseline.reduce(0, +)
        let rowW = window.reduce(0, +)
        let total = rowB + rowW
        guard baseline.count >= 2, rowB > 0, rowW > 0 else { return nil }
        var statistic = 0.0
        for j in baseline.indices {
            let column = baseline[j] + window[j]
            guard column > 0 else { return nil }
            let expectedB = rowB * column / total
            let expectedW = rowW * column / total
            statistic += (baseline[j] - expectedB) * (baseline[j] - expectedB) / expectedB
            statistic += (window[j] - expectedW) * (window[j] - expectedW) / expectedW
        }
        let dof = baseline.count - 1
        return Result(
            statistic: statistic, degreesOfFreedom: dof,
            pValue: SpecialFunctions.chiSquareSurvival(statistic, degreesOfFreedom: dof))
    }

    /// Lumps the categories by ``CategoryLumping/lump(baseline:window:minimumExpected:)``, then tests;
    /// `nil` (insufficient data) when fewer than 2 columns survive.
    /// - Complexity: O(K log K).
    public static func lumpedTest(baseline: [Double], window: [Double]) -> Result? {
        guard let table = CategoryLumping.lump(baseline: baseline, window: window) else { return nil }
        return test(baseline: table.baseline, window: table.window)
    }
}
