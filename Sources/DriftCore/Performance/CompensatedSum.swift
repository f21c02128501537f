/// A running sum of `Double`s with a Neumaier (improved Kahan–Babuška) compensation term.
///
/// The error of `value` stays O(ε·Σ|xᵢ|) independent of the number of terms, instead of growing
/// with it as a naive running sum's does, which is what lets hourly accumulators merged into a
/// month still agree with one pass over the raw rows to ~1e-15 relative. Merging adds the other
/// sum and its compensation as two more terms, so merge is commutative and associative up to
/// the same O(ε) error (the bits may differ, the values agree). Neumaier, "Rundungsfehleranalyse einiger Verfahren zur Summation
/// endlicher Summen", ZAMM 54 (1974).
///
/// Both parts are persisted by the codecs so that a decoded accumulator equals the encoded one.
struct CompensatedSum: Sendable, Equatable {
    /// The naive running sum.
    private(set) var sum: Double
    /// The accumulated low-order bits lost by `sum`.
    private(set) var compensation: Double

    /// The empty sum, zero.
    init() {
        sum = 0
        compensation = 0
    }

    /// Restores a sum from its two persisted parts.
    init(sum: Double, compensation: Double) {
        self.sum = sum
        self.compensation = compensation
    }

    /// The compensated total.
    var value: Double { sum + compensation }

    /// Adds one term.
    mutating func add(_ term: Double) {
        let total = sum + term
        guard total.isFinite else {
            // Past the range of Double the compensation means nothing; keep the infinity.
            sum = total
            compensation = 0
            return
        }
        if sum.magnitude >= term.magnitude {
            compensation += (sum - total) + term
        } else {
            compensation += (term - total) + sum
        }
        sum = total
    }

    /// Adds every term of `other`.
    ///
    /// Merging into an empty sum copies `other`, so the empty sum is an exact identity on both
    /// sides (not just up to rounding), which keeps `Equatable` meaningful after merges.
    mutating func merge(_ other: CompensatedSum) {
        if sum == 0, compensation == 0 {
            self = other
            return
        }
        add(other.sum)
        add(other.compensation)
    }
}
