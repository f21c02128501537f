extension BinnedCounts {
    /// Counts finite values: the same counts as ``insert(_:)`` on each.
    ///
    /// Up to 32 edges, eight values are compared with each edge at once (vector comparisons,
    /// no branch); a value's bin is the number of edges minus those above it. `x < edge` treats
    /// `−0.0` as `+0.0`, as ``binIndex(of:)`` does.
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
                    let x = UnsafeRawPointer(source + index).loadUnaligned(as: SIMD8<Double>.self)
                    var above = SIMD8<Int64>()  // minus the number of edges above each value
                    for edge in edgeBuffer {
                        // A mask lane is −1 (all bits set) where the comparison holds, 0 elsewhere.
                        above &+= unsafeBitCast(x .< SIMD8(repeating: edge), to: SIMD8<Int64>.self)
                    }
                    for lane in 0..<8 { bins[edgeCount &+ Int(truncatingIfNeeded: above[lane])] &+= 1 }
                    index &+= 8
                }
                while index < count {
                    let x = source[index]
                    var bin = 0
                    for edge in edgeBuffer { bin &+= x < edge ? 0 : 1 }
                    bins[bin] &+= 1
                    index &+= 1
                }
            }
        }
        total &+= UInt64(truncatingIfNeeded: count)
    }
}
