extension BinnedCounts {
    /// Values binned per step of ``insert(finite:)``: the bin positions of a chunk stay in L1.
    static let chunkSize = 64

    /// Counts finite values: the same counts as ``insert(_:)`` on each.
    ///
    /// Up to 32 edges, a chunk of values is compared edge by edge: for one edge the comparisons
    /// of all values are independent, so the loop over the values is vectorised (two doubles a
    /// step), and only the final count per value is a scattered increment.
    /// - Parameter values: finite values (the sign test below is exact only for them).
    mutating func insert(finite values: UnsafeBufferPointer<Double>) {
        guard let source = values.baseAddress, !values.isEmpty else { return }
        let edgeCount = edges.count
        guard edgeCount <= 32 else {
            for value in values { insert(value) }
            return
        }
        let chunkSize = Self.chunkSize
        withUnsafeTemporaryAllocation(of: Int.self, capacity: chunkSize) { below in
            guard let below = below.baseAddress else { return }
            edges.withUnsafeBufferPointer { edgeBuffer in
                counts.withUnsafeMutableBufferPointer { countBuffer in
                    guard let bins = countBuffer.baseAddress else { return }
                    var start = 0
                    while start < values.count {
                        let chunk = Swift.min(chunkSize, values.count &- start)
                        let x = source + start
                        for j in 0..<chunk { below[j] = 0 }
                        for edge in edgeBuffer {
                            for j in 0..<chunk { below[j] &+= Self.isBelow(x[j] + 0.0, edge) }
                        }
                        for j in 0..<chunk { bins[edgeCount &- below[j]] &+= 1 }
                        start &+= chunk
                    }
                }
            }
        }
        total &+= UInt64(truncatingIfNeeded: values.count)
    }
}
