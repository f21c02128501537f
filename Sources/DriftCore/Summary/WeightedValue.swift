/// One value of a summarised distribution with the number of observations it stands for.
///
/// A KLL sketch's sorted view is an ascending array of these; the statistics that compare
/// continuous distributions (Kolmogorov–Smirnov, Wasserstein) take two such arrays, so exact
/// samples (weight 1 each) and sketches go through the same code.
public struct WeightedValue: Sendable, Equatable {
    /// The observed value.
    public var value: Double
    /// How many observations this value represents (≥ 1).
    public var weight: UInt64

    /// Creates a weighted value.
    public init(value: Double, weight: UInt64) {
        self.value = value
        self.weight = weight
    }
}
