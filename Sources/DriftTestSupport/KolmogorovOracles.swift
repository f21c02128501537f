#if canImport(Glibc)
    import Glibc
#endif

/// The Birnbaum–Tingey sum for the one-sided Kolmogorov–Smirnov tail, term by term from the
/// definition, in 80-bit extended precision: the reference for `KolmogorovDistribution`'s fast sum.
///
/// Every term is evaluated on its own (no term from its neighbour, no truncation, no early stop),
/// log C(n,v) by `lgamma`, the powers by `log`/`log1p`, all in Float80 (64-bit significand). Its
/// relative error is at most a few ulps of log(n!) in Float80: ~3·2⁻⁶⁴·log(n!) ≈ 4e-13 at n = 200,000,
/// 1e-15 at n = 1,000 (x itself is exact: n·x is formed in Float80).
public enum KolmogorovOracles {
    #if arch(x86_64) || arch(i386)
        /// log T(v) for v = 0 … ⌊n(1−x)⌋ (capped at n − 1); −∞ for a term that is exactly 0.
        public static func smirnovLogTerms(n: Int, x: Double) -> [Float80] {
            let nd = Float80(n)
            let xe = Float80(x)
            let last = min(Int((Double(n) * (1 - x)).rounded(.down)), n - 1)
            guard last >= 0 else { return [] }
            let logFactorialN: Float80 = lgamma(nd + 1).0
            let logX: Float80 = log(xe)
            return (0...last).map { (v: Int) -> Float80 in
                let vd = Float80(v)
                let p: Float80 = xe + vd / nd
                if 1 - p <= 0 { return -Float80.infinity }
                let logFactorialV: Float80 = lgamma(vd + 1).0
                let logFactorialRest: Float80 = lgamma(nd - vd + 1).0
                let logChoose = logFactorialN - logFactorialV - logFactorialRest
                let logP: Float80 = log(p)
                let logQ: Float80 = log1p(-p)
                let powers = (vd - 1) * logP + (nd - vd) * logQ
                return logChoose + logX + powers
            }
        }

        /// P(Dₙ⁺ ≥ x) = Σ T(v), every term summed (in Float80, largest first, then rounded to Double).
        public static func smirnovFullSum(n: Int, x: Double) -> Double {
            let logs = smirnovLogTerms(n: n, x: x)
            guard let peak = logs.max(), peak > -.infinity else { return 0 }
            let sum = logs.map { exp($0 - peak) }.sorted(by: >).reduce(Float80(0), +)
            return Double(exp(peak + log(sum)))
        }
    #endif
}
