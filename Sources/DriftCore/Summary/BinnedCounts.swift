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
public struct BinnedCounts: Sendable, Equatable {
    /// The largest number of edges a summary may have (bounds memory and decoding allocations).
    public static let maximumEdgeCount = 1 << 16

    /// The strictly increasing, finite inner bin edges.
    public let edges: [Double]
    /// The count in each bin; `counts.count == edges.count + 1`.
    public private(set) var counts: [UInt64]
    /// The total number of inserted values, the sum of ``counts``.
    public private(set) var total: UInt64

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
    /// - Complexity: O(log k).
    public func binIndex(of x: Double) -> Int {
        edges.withUnsafeBufferPointer { e in
            var lo = 0
            var hi = e.count
            while lo < hi {
                let mid = (lo &+ hi) >> 1
                // `!(x < e)` rather than `e <= x`: NaN compares false, so it sorts after every edge as in numpy.
                if !(x < e[mid]) { lo = mid &+ 1 } else { hi = mid }
            }
            return lo
        }
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

    /// Returns the bin-by-bin sum of both operands (see ``merge(_:)``).
    ///
    /// - Throws: ``SummaryMergeError/edgesDiffer(ourEdgeCount:theirEdgeCount:index:)`` unless the edges are identical.
    /// - Complexity: O(k).
    public func merging(_ other: BinnedCounts) throws(SummaryMergeError) -> BinnedCounts {
        var copy = self
        try copy.merge(other)
        return copy
    }
}
