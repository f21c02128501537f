extension KLLSketch {
    /// Adds values in order: the same sketch, bit for bit, as ``insert(_:)`` on each in turn (NaN
    /// and ±∞ are skipped, `−0.0` is stored as `+0.0`, compactions happen at the same inserts).
    ///
    /// Level 0 is filled from the free space in one pass per stretch between compactions, with
    /// the minimum and maximum kept in registers.
    /// - Returns: the number of values inserted (the finite ones).
    @discardableResult
    mutating func insert(contentsOf values: UnsafeBufferPointer<Double>) -> Int {
        guard let source = values.baseAddress else { return 0 }
        let count = values.count
        var next = 0
        var inserted = 0
        while true {
            // Skip what insert(_:) rejects before deciding to compact: it checks the value first.
            while next < count && !source[next].isFinite { next &+= 1 }
            guard next < count else { break }
            if levelZeroStart == 0 { compactForInsert() }
            var slot = levelZeroStart
            var low = minimum
            var high = maximum
            items.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                while next < count && slot > 0 {
                    let value = source[next]
                    next &+= 1
                    guard value.isFinite else { continue }
                    let stored = value + 0.0
                    slot &-= 1
                    base[slot] = stored
                    low = stored < low ? stored : low
                    high = stored > high ? stored : high
                }
            }
            inserted &+= levelZeroStart &- slot
            storedCount &+= UInt64(truncatingIfNeeded: levelZeroStart &- slot)
            levelZeroStart = slot
            minimum = low
            maximum = high
        }
        return inserted
    }
}
