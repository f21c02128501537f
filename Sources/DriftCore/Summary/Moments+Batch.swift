extension Moments {
    /// Adds finite values in order: the same state, bit for bit, as ``insert(_:)`` on each in turn
    /// (the same Welford steps in the same order), with the running state kept in registers.
    ///
    /// - Parameter values: finite values; the caller filters NaN and infinities, as for ``insert(_:)``.
    mutating func insert(contentsOf values: UnsafeBufferPointer<Double>) {
        guard let first = values.first else { return }
        if storedCount == 0 { shift = first + 0.0 }
        let shift = self.shift
        var count = storedCount
        var mean = shiftedMean
        var m2 = storedM2
        var low = lowest
        var high = highest
        for x in values {
            let value = x + 0.0  // −0.0 → +0.0, as in insert(_:)
            count &+= 1
            let y = value - shift
            let delta = y - mean
            mean += delta / Double(count)
            m2 += delta * (y - mean)
            low = value < low ? value : low
            high = value > high ? value : high
        }
        storedCount = count
        shiftedMean = mean
        storedM2 = m2
        lowest = low
        highest = high
    }
}
