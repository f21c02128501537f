extension KLLSketch {
    /// Adds values in order: the same sketch, bit for bit, as ``insert(_:)`` on each in turn (NaN
    /// and ±∞ are skipped, `−0.0` is stored as `+0.0`, compactions happen at the same inserts).
    /// - Returns: the number of values inserted (the finite ones).
    @discardableResult
    mutating func insert(contentsOf values: UnsafeBufferPointer<Double>) -> Int {
        var inserted = 0
        var runStart = 0
        for index in values.indices where !values[index].isFinite {
            inserted &+= insertRun(UnsafeBufferPointer(rebasing: values[runStart..<index]))
            runStart = index &+ 1
        }
        return inserted &+ insertRun(UnsafeBufferPointer(rebasing: values[runStart...]))
    }

    /// ``insert(finite:min:max:)`` of a run of finite values, their extremes found here.
    private mutating func insertRun(_ run: UnsafeBufferPointer<Double>) -> Int {
        var low = Double.infinity
        var high = -Double.infinity
        for x in run {
            let value = x + 0.0
            low = value < low ? value : low
            high = value > high ? value : high
        }
        insert(finite: run, min: low, max: high)
        return run.count
    }

    /// Adds finite values in order, the same as ``insert(_:)`` on each; `low` and `high` are
    /// their smallest and largest (`−0.0` read as `+0.0`), which the caller has at hand.
    ///
    /// Level 0 is filled from the free space in one pass per stretch between compactions: a
    /// compaction happens exactly when ``insert(_:)`` would make one, before the value that
    /// finds no free slot. The minimum and maximum do not depend on the order, so they are
    /// updated once, first (the internal checks of a compaction want every item within them).
    mutating func insert(finite values: UnsafeBufferPointer<Double>, min low: Double, max high: Double) {
        guard let source = values.baseAddress, !values.isEmpty else { return }
        if low < minimum { minimum = low }
        if high > maximum { maximum = high }
        let count = values.count
        var next = 0
        while next < count {
            if levelZeroStart == 0 { compactForInsert() }
            let zero = levelZeroStart
            let room = Swift.min(zero, count &- next)
            items.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                // Newest first: value `next + i` goes to slot `zero − 1 − i`.
                let top = base + (zero &- 1)
                let run = source + next
                for i in 0..<room { (top - i).pointee = run[i] + 0.0 }
            }
            levelZeroStart = zero &- room
            storedCount &+= UInt64(truncatingIfNeeded: room)
            next &+= room
        }
    }
}
