/// Accumulates a regression model's (predicted, actual) pairs into mergeable error sums.
///
/// Keeps compensated sums of |e|, e², |e| / max(|y|, ε) and e, where e = ŷ − y and ε is
/// `Double.ulpOfOne` (scikit-learn's `mean_absolute_percentage_error` guard), so MAE, RMSE,
/// MAPE and the mean error match scikit-learn and numpy. MAPE is a fraction (0.05 = 5%), and a
/// zero actual value makes it huge by design, exactly as in scikit-learn.
///
/// A pair whose values, or whose squared or percentage error, are not finite is counted in
/// ``invalidCount`` and not inserted. Merging adds counts exactly and sums compensated, so
/// merged metrics agree with one pass over all rows to ~1e-15 relative; `init()` is the identity.
public struct RegressionAccumulator: Mergeable, Sendable, Equatable {
    /// Pairs inserted.
    public private(set) var count: UInt64 = 0
    /// Pairs rejected as non-finite.
    public private(set) var invalidCount: UInt64 = 0
    /// Σ |ŷ − y|.
    private(set) var absoluteErrorSum = CompensatedSum()
    /// Σ (ŷ − y)².
    private(set) var squaredErrorSum = CompensatedSum()
    /// Σ |ŷ − y| / max(|y|, ε).
    private(set) var percentageErrorSum = CompensatedSum()
    /// Σ (ŷ − y).
    private(set) var errorSum = CompensatedSum()

    /// Creates an empty accumulator.
    public init() {}

    /// Restores every field; used by the decoder.
    init(
        count: UInt64, invalidCount: UInt64, absoluteErrorSum: CompensatedSum, squaredErrorSum: CompensatedSum,
        percentageErrorSum: CompensatedSum, errorSum: CompensatedSum
    ) {
        self.count = count
        self.invalidCount = invalidCount
        self.absoluteErrorSum = absoluteErrorSum
        self.squaredErrorSum = squaredErrorSum
        self.percentageErrorSum = percentageErrorSum
        self.errorSum = errorSum
    }

    /// Counts one pair; a non-finite one is counted as invalid instead.
    ///
    /// - Parameters:
    ///   - predicted: the model's prediction ŷ.
    ///   - actual: the observed value y.
    public mutating func insert(predicted: Double, actual: Double) {
        let error = predicted - actual
        let absolute = error.magnitude
        let squared = error * error
        let percentage = absolute / max(actual.magnitude, Double.ulpOfOne)
        guard predicted.isFinite, actual.isFinite, squared.isFinite, percentage.isFinite else {
            invalidCount += 1
            return
        }
        count += 1
        absoluteErrorSum.add(absolute)
        squaredErrorSum.add(squared)
        percentageErrorSum.add(percentage)
        errorSum.add(error)
    }

    /// Adds every pair of `other`. Never throws today (regression has no configuration); typed
    /// like the other accumulators' merges so callers treat them alike.
    ///
    /// - Throws: never.
    public mutating func merge(_ other: RegressionAccumulator) throws(PerformanceMergeError) {
        count += other.count
        invalidCount += other.invalidCount
        absoluteErrorSum.merge(other.absoluteErrorSum)
        squaredErrorSum.merge(other.squaredErrorSum)
        percentageErrorSum.merge(other.percentageErrorSum)
        errorSum.merge(other.errorSum)
    }

    /// Mean absolute error; `nil` with no pairs.
    public var mae: Double? { mean(absoluteErrorSum) }

    /// Root mean squared error; `nil` with no pairs.
    public var rmse: Double? { mean(squaredErrorSum).map { $0.squareRoot() } }

    /// Mean absolute percentage error as a fraction, |ŷ − y| / max(|y|, ε) averaged; `nil` with no pairs.
    public var mape: Double? { mean(percentageErrorSum) }

    /// Mean signed error ŷ − y (positive: the model over-predicts); `nil` with no pairs.
    public var meanError: Double? { mean(errorSum) }

    private func mean(_ sum: CompensatedSum) -> Double? {
        count > 0 ? sum.value / Double(count) : nil
    }
}
