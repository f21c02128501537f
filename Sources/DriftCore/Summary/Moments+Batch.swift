extension Moments {
    /// Adds finite values in order: the same state, bit for bit, as ``insert(_:)`` on each in turn
    /// (the same Welford steps in the same order), with the running state kept in registers.
    ///
    /// The count is carried as a `Double` as well, incremented by one per value: below 2⁵³ that
    /// is exactly `Double(count)`, without a conversion per value.
    /// - Parameter values: finite values; the caller filters NaN and infinities, as for ``insert(_:)``.
    /// - Returns: the smallest and largest of `values` (`−0.0` read as `+0.0`); `+∞`/`−∞` when empty.
    @discardableResult
    mutating func insert(contentsOf values: UnsafeBufferPointer<Double>) -> (min: Double, max: Double) {
        guard let first = values.first else { return (.infinity, -.infinity) }
        guard storedCount < 1 << 52 else {  // the Double count would not be exact much longer
            var low = Double.infinity
            var high = -Double.infinity
            for x in values {
                insert(x)
                let value = x + 0.0
                low = value < low ? value : low
                high = value > high ? value : high
            }
            return (low, high)
        }
        if storedCount == 0 { shift = first + 0.0 }
        let shift = self.shift
        var count = Double(storedCount)
        var mean = shiftedMean
        var m2 = storedM2
        var low = Double.infinity
        var high = -Double.infinity
        for x in values {
            let value = x + 0.0  // −0.0 → +0.0, as in insert(_:)
            count += 1
            let y = value - shift
            let delta = y - mean
            mean += delta / count
            m2 += delta * (y - mean)
            low = value < low ? value : low  // the comparisons of insert(_:)
            high = value > high ? value : high
        }
        storedCount &+= UInt64(truncatingIfNeeded: values.count)
        shiftedMean = mean
        storedM2 = m2
        if low < lowest { lowest = low }
        if high > highest { highest = high }
        return (low, high)
    }
}
