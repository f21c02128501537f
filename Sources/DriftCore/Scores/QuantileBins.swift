/// The default bins for numeric features: the baseline's deciles.
///
/// Inner edges e₁ < … < e_k are the baseline's quantiles at 0.1, 0.2, …, 0.9 with duplicates
/// removed (a heavy-duplicate column can have fewer than 9). The k + 1 bins are left-closed,
/// `(−∞, e₁), [e₁, e₂), …, [e_k, +∞)`, so a value's bin is the number of inner edges ≤ it —
/// `np.searchsorted(edges, x, side="right")`. Quantile bins keep PSI meaningful on heavy tails,
/// where equal-width bins put almost everything in one bin.
public enum QuantileBins {
    /// The probabilities of the default inner edges: 0.1, 0.2, …, 0.9.
    public static let deciles: [Double] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]

    /// The quantile at probability `p` of an ascending array, by linear interpolation between
    /// order statistics — numpy's default (`np.quantile(x, p)`, Hyndman–Fan type 7), bit for bit.
    ///
    /// With h = (n − 1)·p, lo = ⌊h⌋, γ = h − lo: x[lo] + γ·(x[lo+1] − x[lo]) (numpy evaluates it
    /// from the upper end when γ ≥ ½). Worked example: [1, 2, 3, 4], p = 0.1 → h = 0.3 → 1.3.
    /// - Precondition: `sorted` is non-empty and ascending; 0 ≤ p ≤ 1.
    public static func quantile(ofSorted sorted: [Double], at p: Double) -> Double {
        precondition(!sorted.isEmpty, "quantile of an empty array")
        precondition(p >= 0 && p <= 1, "quantile probability \(p) outside [0, 1]")
        let h = Double(sorted.count - 1) * p
        if h >= Double(sorted.count - 1) { return sorted[sorted.count - 1] }
        let lower = h.rounded(.down)
        let gamma = h - lower
        let a = sorted[Int(lower)]
        let b = sorted[Int(lower) + 1]
        let difference = b - a
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }

    /// Inner edges from an exact ascending baseline: its quantiles at `probabilities`, deduplicated.
    ///
    /// Equals `np.unique(np.quantile(x, probabilities))`. Empty baseline → no edges (one bin).
    /// - Complexity: O(probabilities · log) plus the dedup.
    public static func innerEdges(fromSortedBaseline sorted: [Double], probabilities: [Double] = deciles) -> [Double] {
        guard !sorted.isEmpty else { return [] }
        return innerEdges(fromQuantiles: probabilities.map { quantile(ofSorted: sorted, at: $0) })
    }

    /// Inner edges from already-computed quantile values (e.g. a KLL sketch's), sorted and deduplicated.
    ///
    /// NaNs are dropped. A sketch's quantiles are monotone already; sorting makes that a non-issue.
    /// - Complexity: O(k log k).
    public static func innerEdges(fromQuantiles quantiles: [Double]) -> [Double] {
        var edges: [Double] = []
        for value in quantiles.filter({ !$0.isNaN }).sorted() where edges.last != value {
            edges.append(value)
        }
        return edges
    }

    /// The bin of `value`: the number of inner edges ≤ it, in `0...edges.count`.
    ///
    /// Callers count NaN as missing before binning (NaN would land in bin 0).
    /// - Complexity: O(log edges).
    public static func binIndex(of value: Double, innerEdges edges: [Double]) -> Int {
        var low = 0
        var high = edges.count
        while low < high {
            let mid = (low + high) / 2
            if edges[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Counts of `values` in the `edges.count + 1` bins.
    /// - Complexity: O(n log edges).
    public static func counts(of values: some Sequence<Double>, innerEdges edges: [Double]) -> [Double] {
        var counts = [Double](repeating: 0, count: edges.count + 1)
        for value in values { counts[binIndex(of: value, innerEdges: edges)] += 1 }
        return counts
    }
}
