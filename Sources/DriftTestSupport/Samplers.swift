#if canImport(Glibc)
    import Glibc
#else
    import Foundation
#endif

/// Seeded samplers for the distributions the property tests cover.
public struct Sampler: Sendable {
    /// The generator; its seed is what a failing test prints.
    public var rng: SplitMix64

    /// Creates a sampler whose draws are fixed by `seed`.
    public init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    /// A uniform draw in [0, 1).
    public mutating func uniform() -> Double { Double(rng.next() >> 11) * 0x1.0p-53 }

    /// A uniform draw in (0, 1), never exactly zero (for logarithms).
    public mutating func openUniform() -> Double { (Double(rng.next() >> 11) + 0.5) * 0x1.0p-53 }

    /// A standard normal draw (Box–Muller).
    public mutating func normal(mean: Double = 0, sd: Double = 1) -> Double {
        let u1 = openUniform()
        let u2 = uniform()
        return mean + sd * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A lognormal draw: `exp(normal(mu, sigma))`.
    public mutating func lognormal(mu: Double = 0, sigma: Double = 1) -> Double { exp(normal(mean: mu, sd: sigma)) }

    /// A Pareto draw with scale 1 and shape `alpha` (heavy-tailed for small alpha).
    public mutating func pareto(alpha: Double) -> Double { pow(openUniform(), -1 / alpha) }

    /// A Student-t draw with `nu` degrees of freedom (normal over the root of a scaled chi-square).
    public mutating func studentT(nu: Int) -> Double {
        var chi2 = 0.0
        for _ in 0..<nu {
            let z = normal()
            chi2 += z * z
        }
        return normal() / (chi2 / Double(nu)).squareRoot()
    }

    /// An integer in `0..<n`.
    public mutating func int(below n: Int) -> Int { Int(rng.next(upperBound: UInt64(n))) }

    /// A Zipf(s) draw over `1...n` by inversion of a precomputed CDF.
    public mutating func zipf(cdf: [Double]) -> Int {
        let u = uniform()
        var lo = 0
        var hi = cdf.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cdf[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        return lo + 1
    }

    /// The cumulative distribution of Zipf(`s`) over `1...n`, for ``zipf(cdf:)``.
    public static func zipfCDF(n: Int, s: Double) -> [Double] {
        var weights = (1...n).map { 1 / pow(Double($0), s) }
        let total = weights.reduce(0, +)
        var running = 0.0
        for i in weights.indices {
            running += weights[i] / total
            weights[i] = running
        }
        return weights
    }
}
