import DriftCore

/// What the aggregator keeps per model version: its feature layout, baseline and open windows.
struct StreamState {
    /// The performance task, fixed by the first labelled row.
    enum Task {
        case binary
        case regression
        case multiclass
    }

    let key: StreamKey
    let model: ModelConfiguration
    /// The baseline profile windows are scored against, if one is stored.
    let baseline: Profile?
    /// The baseline's learned thresholds, loaded only when the model uses them.
    var learned: LearnedThresholds?
    /// Feature names in slot order.
    var names: [String] = []
    /// Feature kinds in slot order.
    var kinds: [FeatureKind] = []
    /// Slot of each feature name.
    var slots: [String: Int] = [:]
    /// For listed features: the scanned-value slot of each feature slot.
    var valueSlots: [Int] = []
    /// The latest event time seen.
    var maxEventTime = Int64.min
    /// Open windows; ``openIndex`` maps a window start to its position here.
    var windows: [WindowState] = []
    var starts: [Int64] = []
    var openIndex: [Int64: Int] = [:]
    /// The earliest time at which some open window closes (its end plus the lateness).
    var nextClose = Int64.max
    var predictionKind: FeatureKind?
    var labelKind: FeatureKind?
    var task: Task?
    /// Zero-config: the raw key bytes and slot of the feature member at each position of an
    /// earlier line, so keys that repeat in the same order are matched without decoding or hashing.
    var memberCache = MemberKeyCache()
    /// Zero-config: the scanner's member group of the model's feature root (looked up on the
    /// first line: hashing the root's name per line cost ~300 instructions).
    var featureGroup: Int?
    /// The category values seen per feature slot (grown on demand; empty for numeric slots).
    var interners: [CategoryInterner] = []

    init(key: StreamKey, model: ModelConfiguration, baseline: Profile?, listed: [LineLayout.ListedFeature]?) {
        self.key = key
        self.model = model
        self.baseline = baseline
        for feature in listed ?? [] {
            _ = addFeature(feature.name, kind: feature.kind)
            valueSlots.append(feature.slot)
        }
    }

    /// Adds a feature slot and returns it; the kind comes from the baseline when it has the feature.
    mutating func addFeature(_ name: String, kind observed: FeatureKind) -> Int {
        let kind = baseline?.features[name]?.kind ?? observed
        let slot = names.count
        names.append(name)
        kinds.append(kind)
        slots[name] = slot
        for index in windows.indices { windows[index].features.append(emptySummary(slot)) }
        return slot
    }

    /// An empty summary for `slot`, binned with the baseline's edges when it has them.
    func emptySummary(_ slot: Int) -> FeatureSummary {
        FeatureSummary(
            kind: kinds[slot], binEdges: baseline?.features[names[slot]]?.bins?.edges, sketchK: model.sketchK,
            categoryCap: model.categoryCap)
    }

    /// Empty summaries for every slot.
    func emptyFeatures() -> [FeatureSummary] { names.indices.map(emptySummary) }

    /// Whether a line at `time` is too late for its window, which has closed.
    func isLate(windowStart: Int64) -> Bool {
        maxEventTime != Int64.min
            && windowStart + model.windowMilliseconds + model.latenessMilliseconds <= maxEventTime
    }
}
