extension BinnedCounts {
    /// Counts finite values: the same counts as ``insert(_:)`` on each.
    ///
    /// Up to 32 edges, eight values are compared with each edge at once (vector subtractions,
    /// no branch): a value's bin is the number of edges minus those above it, an edge being above
    /// `x` when `x − edge` is negative, as in ``binIndex(of:)``.
    /// - Parameter values: finite values.
    mutating func insert(finite values: UnsafeBufferPointer<Double>) {
        guard let source = values.baseAddress, !values.isEmpty else { return }
        let edgeCount = edges.count
        guard edgeCount <= 32 else {
            for value in values { insert(value) }
            return
        }
        let count = values.count
        edges.withUnsafeBufferPointer { edgeBuffer in
            counts.withUnsafeMutableBufferPointer { countBuffer in
                guard let bins = countBuffer.baseAddress else { return }
                var index = 0
                while index &+ 8 <= count {
                    // −0.0 → +0.0, so that −0.0 − 0.0 (a negative zero) does not read as below.
                    let loaded = UnsafeRawPointer(source + index).loadUnaligned(as: SIMD8<Double>.self)
                    let x = loaded + SIMD8<Double>()
                    var above = SIMD8<UInt64>()  // the number of edges above each value
                    for edge in edgeBuffer {
                        // The sign bit of x − edge is set exactly when x < edge (see binIndex(of:)).
                        above &+= unsafeBitCast(x - SIMD8(repeating: edge), to: SIMD8<UInt64>.self) &>> 63
                    }
                    for lane in 0..<8 { bins[edgeCount &- Int(truncatingIfNeeded: above[lane])] &+= 1 }
                    index &+= 8
                }
                while index < count {
                    let x = source[index] + 0.0
                    var above = 0
                    for edge in edgeBuffer { above &+= Self.isBelow(x, edge) }
                    bins[edgeCount &- above] &+= 1
                    index &+= 1
                }
            }
        }
        total &+= UInt64(truncatingIfNeeded: count)
    }
}
