import DriftTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Exact ranks of a raw sample, the oracle every KLL accuracy test compares against.
struct KLLExactRanks {
    let sorted: [Double]

    init(_ values: [Double]) { sorted = values.sorted() }

    /// The number of values `< value`.
    func countBelow(_ value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The number of values `≤ value`.
    func countAtOrBelow(_ value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The largest error, over fractions 1%…99%, of the sketch's ranks of the exact quantiles and of
    /// the exact rank range of the sketch's quantiles.
    func worstRankError(of sketch: KLLSketch) -> Double {
        let n = Double(sorted.count)
        var worst = 0.0
        for percent in 1...99 {
            let fraction = Double(percent) / 100
            let value = sorted[Int((fraction * n).rounded(.up)) - 1]
            let trueRank = Double(countAtOrBelow(value)) / n
            worst = Swift.max(worst, abs(sketch.rank(of: value) - trueRank))
            guard let estimate = sketch.quantile(at: fraction) else { return .infinity }
            let low = Double(countBelow(estimate)) / n
            let high = Double(countAtOrBelow(estimate)) / n
            worst = Swift.max(worst, low - fraction, fraction - high)
        }
        return worst
    }
}

/// The input streams the accuracy tests cover.
enum KLLTestStream: String, CaseIterable, CustomStringConvertible {
    case uniform, normal, lognormal, studentT3, pareto1_1, tenDistinct, sortedUniform, reversedNormal

    var description: String { rawValue }

    func values(count: Int, seed: UInt64) -> [Double] {
        var sampler = Sampler(seed: seed)
        var values: [Double] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            switch self {
            case .uniform, .sortedUniform: values.append(sampler.uniform())
            case .normal, .reversedNormal: values.append(sampler.normal(mean: 10, sd: 3))
            case .lognormal: values.append(sampler.lognormal())
            case .studentT3: values.append(sampler.studentT(nu: 3))
            case .pareto1_1: values.append(sampler.pareto(alpha: 1.1))
            case .tenDistinct: values.append(Double(sampler.int(below: 10)) * 2.5)
            }
        }
        if self == .sortedUniform { values.sort() }
        if self == .reversedNormal { values.sort(by: >) }
        return values
    }
}

/// Whether the long, exhaustive variants of the tests should run (`DRIFT_LONG_TESTS=1`).
let kllLongTests: Bool = {
    guard let raw = getenv("DRIFT_LONG_TESTS") else { return false }
    return String(cString: raw) == "1"
}()

extension KLLSketch {
    /// A sketch of `values` inserted in order.
    init(k: Int, inserting values: some Sequence<Double>) {
        self.init(k: k)
        for value in values { insert(value) }
    }
}
