#if canImport(Glibc)
    import Glibc
#endif

/// The exact distribution of the one-sample two-sided Kolmogorov–Smirnov statistic Dₙ.
///
/// `survival(n:x:)` is P(Dₙ ≥ x), `scipy.stats.kstwo.sf(x, n)`, following the same
/// Simard & L'Ecuyer (2011) plan as scipy's `_kolmogn`, branch by branch:
/// Ruben–Gambino closed forms at the edges, twice the exact one-sided Smirnov tail
/// (Birnbaum–Tingey sum) in the upper tail, the Durbin matrix (Marsaglia–Tsang–Wang 2003) for
/// small n·x, and the Pelz–Good (1976) expansion elsewhere. (scipy uses Pomeranz's recursion for
/// n ≤ 140 and 0.754693 < n·x² ≤ 4; both are exact, so the Durbin matrix stands in there.)
/// `ks_2samp(method="asymp")` evaluates it at n = round(n₁n₂/(n₁+n₂)).
enum KolmogorovDistribution {
    /// P(Dₙ ≥ x) for a sample of `n` ≥ 1.
    /// - Complexity: O(n) for the Smirnov tail (a few dozen instructions a term, see
    ///   ``smirnovSurvival(n:x:)``); O(k³ log n) with k ≈ n·x for the Durbin matrix.
    static func survival(n: Int, x: Double) -> Double {
        precondition(n >= 1, "the Kolmogorov distribution needs n >= 1")
        if x.isNaN { return .nan }
        if x >= 1 { return 0 }
        if x <= 0 { return 1 }
        let nd = Double(n)
        let t = nd * x
        if t <= 1 {
            if t <= 0.5 { return 1 }
            // Ruben–Gambino: P(Dₙ ≤ x) = n!/nⁿ (2t − 1)ⁿ for 1/(2n) ≤ x ≤ 1/n.
            let cdf: Double
            if n <= 140 {
                var product = 1.0
                for i in 1...n { product *= Double(i) * (1 / nd) * (2 * t - 1) }
                cdf = product
            } else {
                cdf = exp(logFactorialOverPower(n) + nd * log(2 * t - 1))
            }
            return clip(1 - cdf)
        }
        if t >= nd - 1 { return clip(2 * pow(1 - x, nd)) }
        if x >= 0.5 { return clip(2 * smirnovSurvival(n: n, x: x)) }
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 4 { return clip(1 - durbinCDF(n: n, x: x)) }
            return clip(2 * smirnovSurvival(n: n, x: x))
        }
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return clip(2 * smirnovSurvival(n: n, x: x)) }
        let cdf = n <= 100_000 && nd * pow(x, 1.5) <= 1.4 ? durbinCDF(n: n, x: x) : pelzGoodCDF(n: n, x: x)
        return clip(1 - cdf)
    }

    /// P(Dₙ ≤ x) by Durbin's matrix: the (k, k) entry of Hⁿ times n!/nⁿ, where x = (k − h)/n.
    static func durbinCDF(n: Int, x: Double) -> Double {
        let nd = Double(n)
        let t = nd * x
        if x >= 1 { return 1 }
        if t <= 0.5 { return 0 }
        let k = Int(t.rounded(.up))
        let h = Double(k) - t
        let m = 2 * k - 1
        var matrix = DurbinMatrix(size: m)
        var v = [Double](repeating: 0, count: m)
        var w = [Double](repeating: 0, count: m)
        var factorial = 1.0
        for j in 1...m {
            w[j - 1] = factorial
            factorial /= Double(j)
            v[j - 1] = (1 - pow(h, Double(j))) * factorial
        }
        let tail = pow(max(2 * h - 1, 0), Double(m)) - 2 * pow(h, Double(m))
        v[m - 1] = (1 + tail) * factorial
        for i in 1..<m {
            for row in (i - 1)..<m { matrix[row, i] = w[row - i + 1] }
        }
        for row in 0..<m { matrix[row, 0] = v[row] }
        for col in 0..<m { matrix[m - 1, col] = v[m - 1 - col] }
        let (power, exponent) = matrix.power(n, watch: k - 1)
        var p = power[k - 1, k - 1]
        var scale = exponent
        for i in 1...n {
            p = Double(i) * p / nd
            if abs(p) < 0x1p-128 {
                p *= 0x1p128
                scale -= 128
            }
        }
        return clip(Double(sign: .plus, exponent: scale, significand: p))
    }

    /// The Pelz–Good (1976) approximation of P(Dₙ ≤ x): K₀ + K₁/√n + K₂/n + K₃/n^(3/2) in z = x√n.
    static func pelzGoodCDF(n: Int, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let nd = Double(n)
        let z = nd.squareRoot() * x
        let z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2
        let pi2 = Double.pi * Double.pi, pi4 = pi2 * pi2, pi6 = pi4 * pi2
        let qlog = -pi2 / 8 / z2
        if qlog < -708 { return 0 }
        let q = exp(qlog)
        let k1a = -z2, k1b = pi2 / 4
        let k2a = 6 * z6 + 2 * z4, k2b = (2 * z4 - 5 * z2) * pi2 / 4, k2c = pi4 * (1 - 2 * z2) / 16
        let k3d = pi6 * (5 - 30 * z2) / 64, k3c = pi4 * (-60 * z2 + 212 * z4) / 16
        let k3b = pi2 * (135 * z4 - 96 * z6) / 4, k3a = -30 * z6 - 90 * pow(z, 8)
        var terms = [0.0, 0.0, 0.0, 0.0]
        let maxK = Int((16 * z / Double.pi).rounded(.up))
        for k in stride(from: maxK, through: 1, by: -1) {
            let m = Double(2 * k - 1)
            let m2 = m * m, m4 = m2 * m2, m6 = m4 * m2
            let qPower = pow(q, Double(8 * k))
            let coefficients = [
                1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6,
            ]
            for i in 0..<4 { terms[i] = terms[i] * qPower + coefficients[i] }
        }
        let sqrt2pi = (2 * Double.pi).squareRoot()
        let divisors = [z, 6 * z4, 72 * pow(z, 7), 6480 * pow(z, 10)]
        for i in 0..<4 { terms[i] = terms[i] * q * sqrt2pi / divisors[i] }
        let q2 = exp(-pi2 / 2 / z2)
        var k2Extra = 0.0
        var k3Extra = 0.0
        let sqrt3z = 3.0.squareRoot() * z
        for k in stride(from: maxK, through: 1, by: -1) {
            let kd = Double(k)
            let qPower = pow(q2, kd * kd)
            k2Extra += kd * kd * qPower
            k3Extra += (sqrt3z + Double.pi * kd) * (sqrt3z - Double.pi * kd) * kd * kd * qPower
        }
        terms[2] += k2Extra * pi2 * sqrt2pi / (-36 * z3)
        terms[3] += k3Extra * pi2 * sqrt2pi / (216 * z6)
        var sum = 0.0
        for i in 0..<4 { sum += terms[i] / pow(nd, Double(i) / 2) }
        return sum
    }

    /// log(n!/nⁿ) by Stirling's series, with n·log n cancelled analytically (as scipy does).
    static func logFactorialOverPower(_ n: Int) -> Double {
        let coefficients = [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
            8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
            -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ]
        let nd = Double(n)
        let rn = 1 / nd
        let y = rn / nd
        var poly = 0.0
        for c in coefficients { poly = poly * y + c }
        return log(nd) / 2 - nd + log(2 * Double.pi) / 2 + rn * poly
    }

    private static func clip(_ p: Double) -> Double { min(1, max(0, p)) }
}

/// A square matrix for the Durbin recursion, with power-by-squaring that rescales by 2¹²⁸.
private struct DurbinMatrix {
    let size: Int
    var entries: [Double]

    init(size: Int, identity: Bool = false) {
        self.size = size
        entries = [Double](repeating: 0, count: size * size)
        if identity { for i in 0..<size { entries[i * size + i] = 1 } }
    }

    subscript(row: Int, col: Int) -> Double {
        get { entries[row * size + col] }
        set { entries[row * size + col] = newValue }
    }

    func multiplied(by other: DurbinMatrix) -> DurbinMatrix {
        var result = DurbinMatrix(size: size)
        let n = size
        entries.withUnsafeBufferPointer { a in
            other.entries.withUnsafeBufferPointer { b in
                result.entries.withUnsafeMutableBufferPointer { c in
                    for i in 0..<n {
                        for k in 0..<n {
                            let aik = a[i * n + k]
                            if aik == 0 { continue }
                            for j in 0..<n { c[i * n + j] += aik * b[k * n + j] }
                        }
                    }
                }
            }
        }
        return result
    }

    /// `self^n` and the power of two it has been divided by; `watch` is the diagonal entry kept in range.
    func power(_ n: Int, watch: Int) -> (DurbinMatrix, Int) {
        var result = DurbinMatrix(size: size, identity: true)
        var base = self
        var remaining = n
        var exponent = 0
        var baseExponent = 0
        while remaining > 0 {
            if remaining % 2 == 1 {
                result = result.multiplied(by: base)
                exponent += baseExponent
            }
            base = base.multiplied(by: base)
            baseExponent *= 2
            if abs(base[watch, watch]) > 0x1p128 {
                for i in base.entries.indices { base.entries[i] *= 0x1p-128 }
                baseExponent += 128
            }
            remaining /= 2
        }
        return (result, exponent)
    }
}
