#if canImport(Glibc)
    import Glibc
#endif

extension KolmogorovDistribution {
    /// The one-sided tail P(Dₙ⁺ ≥ x), `scipy.special.smirnov(n, x)`, by the Birnbaum–Tingey (1951) sum
    /// Σ_{v=0}^{⌊n(1−x)⌋} T(v), T(v) = C(n,v) · x · (x + v/n)^(v−1) · (1 − x − v/n)^(n−v), every term positive.
    ///
    /// The sum starts at its largest term and walks outwards both ways, each term from its neighbour
    /// by the ratio T(v+1)/T(v) (no `lgamma`, no `exp` in the common case: see
    /// ``SmirnovTerms/sideSum(from:last:upward:logPeak:threshold:)``), re-anchored every
    /// ``SmirnovTerms/anchorStride`` terms on an accurate log T(v) (Loader's saddle-point form of the
    /// binomial, as R's `dbinom`), and stops on a side once the terms still to come there, each at
    /// most the current one (the terms are unimodal, see ``SmirnovTerms``), add up to less than 2⁻⁶⁰
    /// of the sum. Relative error about 1e-13 (plus the conditioning 4·n·x²·2⁻⁵³ of rounding n·x),
    /// checked against a full Float80 sum and scipy's double-double sum in `KolmogorovSumTests`.
    /// Like scipy, 0 once 2·n·x² exceeds −log(DBL_MIN) ≈ 708.4.
    /// - Complexity: O(n) terms at worst; about 0.9·n at n·x² ≈ 5, 0.2·n at n·x² ≈ 500.
    static func smirnovSurvival(n: Int, x: Double) -> Double {
        precondition(n >= 1, "the Smirnov distribution needs n >= 1")
        if x.isNaN { return .nan }
        if x <= 0 { return 1 }
        if x >= 1 { return 0 }
        let nd = Double(n)
        if -2 * nd * x * x < SmirnovTerms.minLog { return 0 }
        let last = min(Int((nd * (1 - x)).rounded(.down)), n - 1)
        let terms = SmirnovTerms(n: n, x: x)
        let mode = terms.mode(last: last)
        let logPeak = terms.logTerm(mode)
        // Truncate only where the unimodality argument holds (every call from `survival`); else sum all.
        let threshold = nd * x * x - x > 0.5 ? 0x1p-60 : 0.0
        let above = terms.sideSum(from: mode, last: last, upward: true, logPeak: logPeak, threshold: threshold)
        let below = terms.sideSum(from: mode, last: last, upward: false, logPeak: logPeak, threshold: threshold)
        let sum = 1 + above + below  // Σ T(v) / T(mode)
        return min(1, exp(logPeak + log(sum)))
    }

    /// The terms T(v) of the Birnbaum–Tingey sum for one (n, x), with a = n·x + v and
    /// b = n − n·x − v, so that T(v) = C(n,v) · x · a^(v−1) · b^(n−v) / n^(n−1).
    ///
    /// Why the terms are unimodal (what the early stop relies on): with α = n·x, treating v as
    /// continuous and log Γ by Stirling (ψ′(z) ≈ 1/(z − ½)),
    /// d²/dv² log T = −(α² − α − v/2) / ((v + ½)(v + α)²) − (α² + α/2 − b/2) / ((n − v + ½) b²),
    /// negative for every 0 ≤ v ≤ n as soon as n < 2α(α − 1), i.e. n·x² − x > ½. So log T is concave,
    /// the ratios T(v+1)/T(v) decrease, and past the mode every term is at most the one before.
    /// `survival(n:x:)` calls the sum only with n·x² ≥ 2.2, or x ≥ ½ with n ≥ 3 where the few terms
    /// are all summed when the condition fails. `KolmogorovSumTests` checks the ratios decrease.
    struct SmirnovTerms {
        /// log(DBL_MIN) (cephes MINLOG): scipy's smirnov is 0 below e^MINLOG.
        static var minLog: Double { -7.08396418532264106224e2 }
        /// Terms chained from a neighbour between two accurate anchors: the chain's error grows by
        /// a few ulps a step, so at most ~128 · 8 · 2⁻⁵³ ≈ 1e-13 relative.
        static var anchorStride: Int { 128 }

        let n: Int
        let nd: Double
        let x: Double
        let alpha: Double
        let stirlingN: Double

        init(n: Int, x: Double) {
            self.n = n
            nd = Double(n)
            self.x = x
            alpha = nd * x
            stirlingN = Self.stirlingError(n)
        }

        /// T(v+1) / T(v) = R(v) · e^E(v), for 0 ≤ v < n − 1.
        func ratio(_ v: Int) -> Double { rationalPart(v) * exp(powerExponent(v)) }

        /// R(v) = (n−v)·a / ((v+1)·b), the ratio's rational part.
        @inline(__always)
        func rationalPart(_ v: Int) -> Double {
            let vd = Double(v)
            let rest = nd - vd
            return rest * (alpha + vd) / ((vd + 1) * (rest - alpha))
        }

        /// E(v) = v·log(1 + 1/a) + (n−v−1)·log(1 − 1/b), the log of the ratio's power part.
        @inline(__always)
        func powerExponent(_ v: Int) -> Double {
            let vd = Double(v)
            let rest = nd - vd
            return vd * Self.logOnePlusReciprocal(alpha + vd) + (rest - 1) * Self.logOnePlusReciprocal(alpha - rest)
        }

        /// Σ T(w) / T(mode) over the terms on one side of the mode (w > mode or w < mode), each from
        /// its neighbour: T(w ± 1) = T(w) · R · e^E, where e^E is carried from the previous step by
        /// e^(E(w) − E(w∓1)) (a degree-5 polynomial when the step is below 2⁻⁸: error < 5e-18) and
        /// recomputed by `exp` at every anchor and for larger steps. Stops once the terms left on
        /// this side, each at most the current one, are below `threshold` of the mode plus this side.
        @inline(__always)
        func sideSum(from mode: Int, last: Int, upward: Bool, logPeak: Double, threshold: Double) -> Double {
            var sum = 0.0
            var relative = 1.0
            var v = mode
            var exponent = 0.0
            var power = 1.0
            var sinceAnchor = 0
            while upward ? v < last : v > 0 {
                let k = upward ? v : v - 1  // the ratio T(k+1)/T(k) links v and its neighbour
                let next = powerExponent(k)
                let step = next - exponent
                if sinceAnchor == 0 || !(abs(step) < 0x1p-8) {
                    power = exp(next)
                } else {
                    power *= 1 + step * (1 + step * (0.5 + step * (1.0 / 6 + step * (1.0 / 24 + step * (1.0 / 120)))))
                }
                exponent = next
                let ratio = rationalPart(k) * power
                if upward {
                    relative *= ratio
                    v += 1
                } else {
                    relative /= ratio
                    v -= 1
                }
                sinceAnchor += 1
                if sinceAnchor == Self.anchorStride {
                    relative = exp(logTerm(v) - logPeak)
                    sinceAnchor = 0
                }
                sum += relative
                if relative * Double(upward ? last - v : v) <= (1 + sum) * threshold { break }
            }
            return sum
        }

        /// The largest term's index: the first v whose ratio is below 1 (the ratios decrease).
        func mode(last: Int) -> Int {
            var low = 0
            var high = last
            while low < high {
                let middle = (low + high) / 2
                if ratio(middle) < 1 { high = middle } else { low = middle + 1 }
            }
            return low
        }

        /// log T(v), accurate to about 1e-13 absolute over the range that matters (|log T| ≲ 750):
        /// T(v) = (x/p) · P(Binomial(n, p) = v) with p = a/n, the binomial in Loader's (2000)
        /// form, which never subtracts the O(n) logarithms log C(n,v) and v·log p from each other.
        func logTerm(_ v: Int) -> Double {
            if v == 0 { return nd * log1p(-x) }  // T(0) = (1 − x)ⁿ
            let vd = Double(v)
            let rest = nd - vd
            if rest - alpha <= 0 { return -.infinity }
            let exponent =
                stirlingN - Self.stirlingError(v) - Self.stirlingError(n - v) - Self.deviance(vd, -alpha)
                - Self.deviance(rest, alpha)
            return exponent + 0.5 * log(nd / (2 * Double.pi * vd * rest)) - log1p(vd / alpha)
        }

        /// log(1 + 1/a) for |a| ≥ 1 (a < −1 gives log(1 − 1/|a|)): 2·atanh(s) with s = 1/(2a + 1),
        /// by its series when |s| ≤ 1/64 (dropped: s¹⁰/11, below 1e-19 relative).
        @inline(__always)
        static func logOnePlusReciprocal(_ a: Double) -> Double {
            let denominator = 2 * a + 1
            if abs(denominator) < 64 { return log1p(1 / a) }
            let s = 1 / denominator
            let s2 = s * s
            let series = 1 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9))))
            return 2 * s * series
        }

        /// Loader's bd0: x·log(x/M) + M − x with M = x − d, for x > 0 and M > 0, computed without
        /// cancellation (series in d/(x + M) when |d| < 0.1·(x + M)).
        static func deviance(_ x: Double, _ d: Double) -> Double {
            let total = 2 * x - d
            if abs(d) < 0.1 * total {
                let e = d / total
                let e2 = e * e
                var sum = d * e
                var power = 2 * x * e
                for j in 1...60 {
                    power *= e2
                    let next = sum + power / Double(2 * j + 1)
                    if next == sum { break }
                    sum = next
                }
                return sum
            }
            return -x * log1p(-d / x) - d
        }

        /// log(k!) − (k + ½)·log k + k − ½·log(2π), Stirling's error (Loader), for k ≥ 1.
        static func stirlingError(_ k: Int) -> Double {
            switch k {
            case ...15: return smallStirlingErrors[max(k, 0)]
            default:
                let kd = Double(k)
                let k2 = kd * kd
                let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
                if k > 500 { return (s0 - s1 / k2) / kd }
                if k > 80 { return (s0 - (s1 - s2 / k2) / k2) / kd }
                if k > 35 { return (s0 - (s1 - (s2 - s3 / k2) / k2) / k2) / kd }
                return (s0 - (s1 - (s2 - (s3 - s4 / k2) / k2) / k2) / k2) / kd
            }
        }

        /// Stirling's error for k = 0…15 (mpmath, 40 digits, rounded).
        static let smallStirlingErrors: [Double] = [
            0, 0.08106146679532725821967026, 0.04134069595540929409382208, 0.02767792568499833914878929,
            0.02079067210376509311152277, 0.01664469118982119216319487, 0.01387612882307074799874573,
            0.01189670994589177009505572, 0.01041126526197209649747857, 0.009255462182712732917728637,
            0.008330563433362871256469319, 0.007573675487951840794972024, 0.006942840107209529865664153,
            0.006408994188004207068439631, 0.005951370112758847735624416, 0.00555473355196280137103869,
        ]
    }
}
