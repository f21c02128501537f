#if canImport(Glibc)
    import Glibc
#endif

/// The special functions behind the p-values: the regularized incomplete gamma function (χ²
/// survival) and Kolmogorov's limiting distribution.
///
/// Accuracy: about 1e-14 relative over the ranges the tests cover (χ² with 1–1000 degrees of
/// freedom down to p ≈ 1e-74), checked against scipy in `ScoresSpecialFunctionTests`.
public enum SpecialFunctions {
    /// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a), for a > 0, x ≥ 0.
    ///
    /// Series for P = 1 − Q when x < a + 1, Lentz's continued fraction for Q otherwise
    /// (Numerical Recipes §6.2), so the small tail is computed directly, never as 1 − P.
    /// - Complexity: O(sqrt(a)) iterations for x near a; at most 10 000.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0, "regularizedGammaQ needs a > 0")
        if x.isNaN { return .nan }
        if x <= 0 { return 1 }
        if x == .infinity { return 0 }
        let logPrefix = -x + a * log(x) - logGamma(a)
        if x < a + 1 {
            var term = 1 / a
            var sum = term
            var ap = a
            for _ in 0..<10_000 {
                ap += 1
                term *= x / ap
                sum += term
                if abs(term) < abs(sum) * 1e-17 { break }
            }
            return max(0, 1 - sum * exp(logPrefix))
        }
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return min(1, exp(logPrefix) * h)
    }

    /// The survival function of the χ² distribution with `degreesOfFreedom`: P(X ≥ x) = Q(k/2, x/2).
    ///
    /// Equals `scipy.stats.chi2.sf(x, k)`. Worked example: k = 2 gives exactly e^(−x/2), so
    /// P(X ≥ 2) = e^(−1) = 0.367879.
    public static func chiSquareSurvival(_ x: Double, degreesOfFreedom: Int) -> Double {
        precondition(degreesOfFreedom > 0, "chi-square needs at least one degree of freedom")
        return regularizedGammaQ(Double(degreesOfFreedom) / 2, x / 2)
    }

    /// Kolmogorov's limiting survival function Q_KS(z) = P(K ≥ z) = 2 Σₖ (−1)^(k−1) e^(−2k²z²).
    ///
    /// The limit of P(sqrt(n)·Dₙ ≥ z) as n → ∞, `scipy.stats.kstwobign.sf(z)`. For z < 1 the
    /// alternating series converges slowly, so it uses the Jacobi-theta form
    /// 1 − (sqrt(2π)/z) Σₖ e^(−(2k−1)²π²/(8z²)). Worked example: Q_KS(1.36) ≈ 0.0494 (the 5% point).
    public static func kolmogorovLimitSurvival(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        if z <= 0 { return 1 }
        if z >= 1 {
            var sum = 0.0
            var sign = 1.0
            for k in 1...100 {
                let term = exp(-2 * Double(k * k) * z * z)
                sum += sign * term
                if term < 1e-17 * sum { break }
                sign = -sign
            }
            return min(1, max(0, 2 * sum))
        }
        let alpha = -Double.pi * Double.pi / (8 * z * z)
        var sum = 0.0
        var r = 1.0
        while true {
            let term = exp(alpha * r * r)
            sum += term
            if term == 0 || term < 1e-17 * sum { break }
            r += 2
        }
        return min(1, max(0, 1 - sum * (2 * Double.pi).squareRoot() / z))
    }

    /// log Γ(x) for x > 0 (the C library's `lgamma`).
    static func logGamma(_ x: Double) -> Double {
        let value: Double = lgamma(x)
        return value
    }
}
