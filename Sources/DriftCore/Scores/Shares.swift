/// Counts normalised to shares that sum to 1; every share is NaN when the counts sum to zero.
///
/// The binned statistics (PSI, Jensen–Shannon, Hellinger, L∞) start here, so an empty side
/// turns into a NaN value and then an `.insufficientData` verdict, never a silent 0.
/// - Complexity: O(n).
func normalizedShares(_ counts: [Double]) -> [Double] {
    let total = counts.reduce(0, +)
    guard total > 0 else { return Array(repeating: .nan, count: counts.count) }
    return counts.map { $0 / total }
}

/// Checks the preconditions every pair of count vectors must meet.
func checkCountPair(_ baseline: [Double], _ window: [Double], _ name: StaticString) {
    precondition(baseline.count == window.count, "\(name): baseline and window need the same bins")
    #if DRIFT_INTERNAL_CHECKS
        precondition(baseline.allSatisfy { $0 >= 0 } && window.allSatisfy { $0 >= 0 }, "\(name): negative count")
    #endif
}
