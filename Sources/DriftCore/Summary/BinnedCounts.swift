/// Exact counts of values in fixed bins, for drift statistics (PSI, chi-square) that are exact rather than approximate.
///
/// The bins are defined by strictly increasing, finite inner edges `e0 < e1 < … < e(k-1)`:
/// bin 0 is `(-inf, e0)`, bin `i` is `[e(i-1), e(i))` and bin `k` is `[e(k-1), +inf)`, so there are
/// `k + 1` bins and every value falls in exactly one. The bin of `x` is the number of edges `≤ x`,
/// which is numpy's `np.searchsorted(edges, x, side="right")`; like numpy, NaN goes to the last bin
/// (callers should count NaN separately and never insert it).
///
/// Merging adds counts bin by bin and requires identical edges; it is exact, associative and
/// commutative, and a summary with the same edges and no values is its identity.
/// - Complexity: `insert(_:)` is O(log k) with no allocation; memory is O(k).
public struct BinnedCounts: Mergeable, Sendable, Equatable {
    /// The largest number of edges a summary may have (bounds memory and decoding allocations).
    public static let maximumEdgeCount = 1 << 16

    /// The strictly increasing, finite inner bin edges.
    public let edges: [Double]
    /// The count in each bin; `counts.count == edges.count + 1`.
    public internal(set) var counts: [UInt64]
    /// The total number of inserted values, the sum of ``counts``.
    public internal(set) var total: UInt64

    /// Creates empty bins with the given inner edges.
    ///
    /// - Parameter edges: strictly increasing finite values, at most ``maximumEdgeCount``; may be empty (one bin).
    /// - Complexity: O(k).
    public init(edges: [Double]) {
        precondition(edges.count <= BinnedCounts.maximumEdgeCount, "BinnedCounts: too many edges (\(edges.count))")
        for (i, edge) in edges.enumerated() {
            precondition(edge.isFinite, "BinnedCounts: edge \(i) is not finite (\(edge))")
            precondition(i == 0 || edges[i - 1] < edge, "BinnedCounts: edges must be strictly increasing at \(i)")
        }
        self.edges = edges.map { $0 + 0.0 }  // -0.0 → +0.0: same bins, canonical bytes
        self.counts = Array(repeating: 0, count: edges.count + 1)
        self.total = 0
    }

    /// Creates bins from decoded parts, unchecked; the codec validates before calling.
    init(validatedEdges edges: [Double], counts: [UInt64], total: UInt64) {
        self.edges = edges
        self.counts = counts
        self.total = total
    }

    /// The index of the bin that holds `x`: the number of edges `≤ x` (NaN: the last bin).
    ///
    /// For finite `x` it is branch-free: up to 32 edges are all compared (independent terms, no
    /// dependent loads), more are searched in steps whose number depends only on the edge count;
    /// each comparison is the sign of `x − edge` (negative exactly when `x < edge`, for finite
    /// operands: a difference of distinct doubles is never zero, and an overflow keeps its sign),
    /// so random values cost no mispredicted branches.
    /// - Complexity: O(k) up to 32 edges, O(log k) beyond.
    public func binIndex(of x: Double) -> Int {
        edges.withUnsafeBufferPointer { e in
            guard x.isFinite else {
                // `!(x < e)` rather than `e <= x`: NaN compares false, so it sorts after every edge as in numpy.
                return x.isNaN || x > 0 ? e.count : 0
            }
            guard let first = e.baseAddress, e.count > 0 else { return 0 }
            let x = x + 0.0  // −0.0 → +0.0, so that −0.0 − 0.0 (a negative zero) does not read as below
            if e.count <= 32 {
                // Few edges (deciles: 9): count them all; the terms are independent, so this is
                // faster than a search whose every step waits for the previous load.
                var below = 0
                for index in 0..<e.count { below &+= Self.isBelow(x, first[index]) }
                return e.count &- below
            }
            // Invariant: every edge below `low` is ≤ x, every edge from `low + n` on is > x.
            var low = 0
            var n = e.count
            while n > 1 {
                let half = n &>> 1
                low &+= half & (Self.isBelow(x, first[low &+ half]) &- 1)  // + half unless x < edge
                n &-= half
            }
            return low &+ 1 &- Self.isBelow(x, first[low])
        }
    }

    /// 1 when `x < edge`, else 0, for finite operands and `x` not −0.0, without a branch.
    @inline(__always)
    static func isBelow(_ x: Double, _ edge: Double) -> Int {
        Int(truncatingIfNeeded: (x - edge).bitPattern &>> 63)
    }

    /// Counts one value in its bin.
    ///
    /// - Complexity: O(log k), no allocation.
    public mutating func insert(_ x: Double) {
        let bin = binIndex(of: x)
        counts[bin] &+= 1  // a UInt64 count cannot overflow one insert at a time in any real stream
        total &+= 1
    }

    /// Adds `other`'s counts bin by bin.
    ///
    /// - Throws: ``SummaryMergeError/edgesDiffer(ourEdgeCount:theirEdgeCount:index:)`` unless the edges are identical;
    ///   `self` is then unchanged.
    /// - Complexity: O(k).
    public mutating func merge(_ other: BinnedCounts) throws(SummaryMergeError) {
        guard edges == other.edges else {
            let shared = Swift.min(edges.count, other.edges.count)
            let index = (0..<shared).first { edges[$0] != other.edges[$0] } ?? shared
            throw .edgesDiffer(ourEdgeCount: edges.count, theirEdgeCount: other.edges.count, index: index)
        }
        let (sum, overflow) = total.addingReportingOverflow(other.total)
        precondition(!overflow, "BinnedCounts.merge: total overflows UInt64")
        for i in counts.indices { counts[i] += other.counts[i] }
        total = sum
    }
}
