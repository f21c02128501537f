/// Everything Driftwatch keeps about one feature (or the prediction, or the label) in one window.
///
/// Counters are exact. A numeric feature keeps ``Moments`` (mean, variance, min, max), a
/// ``KLLSketch`` for quantiles and Kolmogorov–Smirnov/Wasserstein, and — once a baseline gives bin
/// edges — exact ``BinnedCounts`` so PSI, Jensen–Shannon, Hellinger and χ² are exact rather than
/// sketch-approximate. A categorical feature keeps a ``CategoricalSummary``.
///
/// Observation policy (the hot path never throws): a missing or `null` value is counted in
/// ``missing``; NaN and ±Inf in ``nonFinite``; a value of the wrong JSON type in ``typeMismatches``.
/// None of those enter the distribution. ``rows`` counts every observation, so
/// `rows == missing + nonFinite + typeMismatches + distribution count` always holds.
///
/// Merging adds counters and merges each part; it is associative and commutative wherever the
/// parts are (exactly for counters, moments, bins and exact categorical counts; within the stated
/// error bounds for sketches), and the empty summary of the same kind is its identity.
public struct FeatureSummary: Mergeable, Sendable, Equatable {
    /// Whether the feature is summarised as numbers or as categories.
    public var kind: FeatureKind
    /// Every observation of the feature, valid or not.
    public var rows: UInt64 = 0
    /// Observations where the field was absent or `null`.
    public var missing: UInt64 = 0
    /// Numeric observations that were NaN or infinite.
    public var nonFinite: UInt64 = 0
    /// Observations of the wrong JSON type for the feature's kind.
    public var typeMismatches: UInt64 = 0
    /// Mean, variance, min and max of the finite numeric values.
    public var moments = Moments()
    /// Quantile sketch of the finite numeric values.
    public var sketch: KLLSketch
    /// Exact counts in the baseline's bins, when the baseline's edges are known.
    public var bins: BinnedCounts?
    /// Category counts of a categorical feature.
    public var categories: CategoricalSummary

    /// Creates an empty summary.
    /// - Parameters:
    ///   - kind: numeric or categorical.
    ///   - binEdges: the baseline's inner bin edges for exact binned counts (numeric only).
    ///   - sketchK: the KLL accuracy parameter (numeric only).
    ///   - categoryCap: distinct categories counted exactly before sketching (categorical only).
    ///
    /// The part a kind does not use keeps its default parameters, which are not encoded, so a
    /// summary decodes equal to itself whatever `sketchK` or `categoryCap` was passed for it.
    public init(
        kind: FeatureKind, binEdges: [Double]? = nil, sketchK: Int = KLLSketch.defaultK,
        categoryCap: Int = CategoricalSummary.defaultCap
    ) {
        self.kind = kind
        self.sketch = KLLSketch(k: kind == .numeric ? sketchK : KLLSketch.defaultK)
        self.bins = kind == .numeric ? binEdges.map { BinnedCounts(edges: $0) } : nil
        self.categories = CategoricalSummary(cap: kind == .categorical ? categoryCap : CategoricalSummary.defaultCap)
    }

    /// Valid observations that entered the distribution.
    public var validCount: UInt64 { kind == .numeric ? moments.count : categories.count }

    /// The share of observations that were missing, in [0, 1]; 0 when there were none.
    public var missingShare: Double { rows == 0 ? 0 : Double(missing) / Double(rows) }

    /// Records a numeric observation (NaN and ±Inf are counted, not inserted).
    @inlinable
    public mutating func insert(number: Double) {
        rows &+= 1  // a 64-bit counter of observations cannot overflow
        guard number.isFinite else {
            nonFinite &+= 1
            return
        }
        moments.insert(number)
        sketch.insert(number)
        bins?.insert(number)
    }

    /// Records a categorical observation.
    public mutating func insert(category: String) {
        rows &+= 1
        categories.insert(category)
    }

    /// Records a categorical observation whose ``StableHash`` the caller already has.
    public mutating func insert(category: String, stableHash: UInt64) {
        rows &+= 1
        categories.insert(category, stableHash: stableHash)
    }

    /// Records an observation where the field was absent or `null`.
    public mutating func insertMissing() {
        rows &+= 1
        missing &+= 1
    }

    /// Records an observation of the wrong type (e.g. a string for a numeric feature).
    public mutating func insertTypeMismatch() {
        rows &+= 1
        typeMismatches &+= 1
    }

    /// Merges `other` into this summary.
    ///
    /// Bins merge only when both sides have the same edges; when they differ (windows scored
    /// against different baselines) the merged summary keeps no bins and statistics fall back
    /// to the sketch.
    /// - Throws: ``SummaryMergeError/kindsDiffer`` when one side is numeric and the other categorical.
    public mutating func merge(_ other: FeatureSummary) throws(SummaryMergeError) {
        guard kind == other.kind else { throw .kindsDiffer(kind.rawValue, other.kind.rawValue) }
        // Bins first: whether a side is empty must be read before the moments are merged.
        switch (bins, other.bins) {
        case (nil, nil): break
        case (.some, nil) where other.moments.count == 0: break
        case (nil, .some(let theirs)) where moments.count == 0: bins = theirs
        case (.some(var mine), .some(let theirs)):
            do {
                try mine.merge(theirs)
                bins = mine
            } catch {
                bins = nil
            }
        default: bins = nil
        }
        rows &+= other.rows
        missing &+= other.missing
        nonFinite &+= other.nonFinite
        typeMismatches &+= other.typeMismatches
        moments.merge(other.moments)
        sketch.merge(other.sketch)
        categories.merge(other.categories)
    }
}
