extension FeatureSummary {
    /// Records numeric observations in order: the same summary, bit for bit, as
    /// ``insert(number:)`` on each in turn.
    ///
    /// Each part takes the finite values of a stretch in one tight loop (``Moments`` in registers,
    /// also finding the stretch's extremes for the sketch; the sketch's level 0 filled in one pass;
    /// the bins compared several values at a time), instead of the three parts in turn per value. The parts are independent of each other, so giving each
    /// its values in the same order changes nothing; NaN and ±∞ are counted and split the stretches.
    public mutating func insert(numbers: UnsafeBufferPointer<Double>) {
        rows &+= UInt64(truncatingIfNeeded: numbers.count)
        var runStart = 0
        for index in numbers.indices where !numbers[index].isFinite {
            nonFinite &+= 1
            insert(finite: UnsafeBufferPointer(rebasing: numbers[runStart..<index]))
            runStart = index &+ 1
        }
        insert(finite: UnsafeBufferPointer(rebasing: numbers[runStart...]))
    }

    /// Inserts finite values into the distribution parts (not counted in ``rows``).
    private mutating func insert(finite values: UnsafeBufferPointer<Double>) {
        guard !values.isEmpty else { return }
        let (low, high) = moments.insert(contentsOf: values)
        sketch.insert(finite: values, min: low, max: high)
        bins?.insert(finite: values)
    }
}
