/// Merges rare and unseen categories so a χ² test on the table is valid.
///
/// The rule, applied to aligned baseline/window counts over the union of categories:
/// 1. Categories with zero count on both sides are dropped.
/// 2. Categories absent from the baseline (baseline 0, window > 0) merge into one **unseen** column.
/// 3. Every column (the unseen one included) whose expected count under the pooled proportions,
///    min(R_b, R_w)·Cⱼ/N, is below `minimumExpected` (5, Cochran's rule) in either row merges into
///    one **rare** column.
/// 4. If that rare column is itself still below `minimumExpected`, it merges into the smallest
///    other column (fewest pooled rows; the first such column on ties).
/// 5. Fewer than 2 columns left, or an empty row → `nil`: insufficient data.
///
/// Output columns keep the input order of the surviving categories, then unseen, then rare.
public enum CategoryLumping {
    /// A lumped 2×K table and, per column, the input categories it holds.
    public struct Table: Sendable, Equatable {
        /// The baseline row.
        public var baseline: [Double]
        /// The window row.
        public var window: [Double]
        /// For each column, the indices of the input categories merged into it (ascending).
        public var members: [[Int]]
    }

    /// Cochran's minimum expected count.
    public static let defaultMinimumExpected = 5.0

    /// Lumps `baseline` and `window` counts (aligned by category) by the rule above.
    ///
    /// Worked example: baseline [100, 60, 2, 1], window [90, 50, 1, 0] → N = 304, R_b = 163,
    /// R_w = 141; columns 2 and 3 expect 141·3/304 = 1.39 and 141·1/304 = 0.46 (< 5) → rare [3, 1],
    /// expecting 141·4/304 = 1.86 (< 5) → merged into the smaller column 1: [[100, 63], [90, 51]].
    /// - Complexity: O(K).
    public static func lump(
        baseline: [Double], window: [Double], minimumExpected: Double = defaultMinimumExpected
    ) -> Table? {
        checkCountPair(baseline, window, "CategoryLumping.lump")
        var columns: [Column] = []
        var unseen = Column(baseline: 0, window: 0, members: [])
        for i in baseline.indices {
            if baseline[i] > 0 {
                columns.append(Column(baseline: baseline[i], window: window[i], members: [i]))
            } else if window[i] > 0 {
                unseen.absorb(Column(baseline: 0, window: window[i], members: [i]))
            }
        }
        if !unseen.members.isEmpty { columns.append(unseen) }
        let rowB = columns.reduce(0) { $0 + $1.baseline }
        let rowW = columns.reduce(0) { $0 + $1.window }
        guard rowB > 0, rowW > 0 else { return nil }
        let smallerRow = min(rowB, rowW)
        let total = rowB + rowW
        func isRare(_ column: Column) -> Bool { smallerRow * column.total / total < minimumExpected }

        var kept = columns.filter { !isRare($0) }
        let rareOnes = columns.filter(isRare)
        if !rareOnes.isEmpty {
            var rare = Column(baseline: 0, window: 0, members: [])
            for column in rareOnes { rare.absorb(column) }
            if isRare(rare), let smallest = kept.indices.min(by: { kept[$0].total < kept[$1].total }) {
                kept[smallest].absorb(rare)
            } else {
                kept.append(rare)
            }
        }
        guard kept.count >= 2 else { return nil }
        return Table(baseline: kept.map(\.baseline), window: kept.map(\.window), members: kept.map(\.members))
    }

    private struct Column {
        var baseline: Double
        var window: Double
        var members: [Int]
        var total: Double { baseline + window }

        mutating func absorb(_ other: Column) {
            baseline += other.baseline
            window += other.window
            members = (members + other.members).sorted()
        }
    }
}
