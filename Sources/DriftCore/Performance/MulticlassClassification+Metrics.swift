extension MulticlassAccumulator {
    /// One class's one-vs-rest counts.
    public struct ClassCounts: Sendable, Equatable {
        /// Rows of this class predicted as this class.
        public var truePositives: UInt64
        /// Rows predicted as this class (TP + FP).
        public var predicted: UInt64
        /// Rows actually of this class (TP + FN).
        public var actual: UInt64

        /// Creates one class's counts.
        public init(truePositives: UInt64, predicted: UInt64, actual: UInt64) {
            self.truePositives = truePositives
            self.predicted = predicted
            self.actual = actual
        }

        /// TP / predicted, 0 when nothing was predicted as this class (`zero_division=0`).
        public var precision: Double { predicted > 0 ? Double(truePositives) / Double(predicted) : 0 }
        /// TP / actual, 0 when no row is of this class (`zero_division=0`).
        public var recall: Double { actual > 0 ? Double(truePositives) / Double(actual) : 0 }
        /// 2·TP / (predicted + actual), 0 when both are 0.
        public var f1: Double {
            predicted + actual > 0 ? Double(2 * truePositives) / Double(predicted + actual) : 0
        }
    }

    /// One-vs-rest counts per class, keyed by label.
    ///
    /// - Complexity: O(occupied cells).
    public var classCounts: [String: ClassCounts] {
        var result: [String: ClassCounts] = [:]
        for (cell, rows) in cells {
            result[cell.predicted, default: ClassCounts(truePositives: 0, predicted: 0, actual: 0)].predicted += rows
            result[cell.actual, default: ClassCounts(truePositives: 0, predicted: 0, actual: 0)].actual += rows
            if cell.actual == cell.predicted { result[cell.actual]?.truePositives += rows }
        }
        return result
    }

    /// The fraction of rows predicted correctly; `nil` with no rows.
    ///
    /// - Complexity: O(occupied cells).
    public var accuracy: Double? {
        guard count > 0 else { return nil }
        var correct: UInt64 = 0
        for (cell, rows) in cells where cell.actual == cell.predicted { correct += rows }
        return Double(correct) / Double(count)
    }

    /// The unweighted mean of per-class F1 over ``classes``; `nil` with no rows.
    ///
    /// - Complexity: O(occupied cells).
    public var macroF1: Double? { macroAverage(\.f1) }

    /// The unweighted mean of per-class precision (0 for a class never predicted); `nil` with no rows.
    ///
    /// - Complexity: O(occupied cells).
    public var macroPrecision: Double? { macroAverage(\.precision) }

    /// The unweighted mean of per-class recall; `nil` with no rows.
    ///
    /// - Complexity: O(occupied cells).
    public var macroRecall: Double? { macroAverage(\.recall) }

    private func macroAverage(_ metric: (ClassCounts) -> Double) -> Double? {
        let perClass = classCounts
        guard count > 0, !perClass.isEmpty else { return nil }
        // Sum in class order so the result does not depend on dictionary iteration order.
        var total = CompensatedSum()
        for label in perClass.keys.sorted() {
            if let counts = perClass[label] { total.add(metric(counts)) }
        }
        return total.value / Double(perClass.count)
    }
}
