import DriftCore
import DriftIngest

extension WindowAggregator {
    /// Folds the prediction, the inline label and, when both are there, the performance figures.
    mutating func foldOutcome(_ line: UnsafeRawBufferPointer, _ values: [JSONValue], stream s: Int, window w: Int) {
        let prediction = values[LineLayout.predictionSlot]
        let label = values[LineLayout.labelSlot]
        let sketchK = streams[s].model.sketchK
        if let kind = streams[s].predictionKind ?? Self.outcomeKind(prediction) {
            streams[s].predictionKind = kind
            Self.observe(prediction, kind: kind, sketchK: sketchK, line, into: &streams[s].windows[w].prediction)
        }
        guard let labelKind = streams[s].labelKind ?? Self.outcomeKind(label) else { return }
        if case .missing = label { return }
        streams[s].labelKind = labelKind
        Self.observe(label, kind: labelKind, sketchK: sketchK, line, into: &streams[s].windows[w].label)
        foldPerformance(prediction: prediction, label: label, line, stream: s, window: w)
    }

    /// Records `value` in `summary` (created on first use) in place: comparing the optional with
    /// `nil` or reading it through `streams[s].windows[w]` would copy the whole summary per line.
    private static func observe(
        _ value: JSONValue, kind: FeatureKind, sketchK: Int, _ line: UnsafeRawBufferPointer,
        into summary: inout FeatureSummary?
    ) {
        switch summary {
        case .none: summary = FeatureSummary(kind: kind, sketchK: sketchK)
        case .some: break
        }
        if kind == .numeric, case .number(let number) = value {
            summary?.insert(number: number)
        } else {
            summary?.observe(value, in: line)
        }
    }

    private mutating func foldPerformance(
        prediction: JSONValue, label: JSONValue, _ line: UnsafeRawBufferPointer, stream s: Int, window w: Int
    ) {
        let score: Double? = if case .number(let x) = prediction { x } else { nil }
        let truth: Double? =
            switch label {
            case .number(let x): x
            case .bool(let flag): flag ? 1 : 0
            default: nil
            }
        if streams[s].task == nil {
            if let score, let truth {
                streams[s].task = (0...1).contains(score) && (truth == 0 || truth == 1) ? .binary : .regression
            } else if case .string = prediction, case .string = label {
                streams[s].task = .multiclass
            }
        }
        switch streams[s].task {
        case .binary:
            guard let score, let truth, truth == 0 || truth == 1 else { return }
            if streams[s].windows[w].binary == nil { streams[s].windows[w].binary = BinaryClassificationAccumulator() }
            streams[s].windows[w].binary?.insert(score: score, label: truth == 1)
        case .regression:
            guard let score, let truth else { return }
            if streams[s].windows[w].regression == nil { streams[s].windows[w].regression = RegressionAccumulator() }
            streams[s].windows[w].regression?.insert(predicted: score, actual: truth)
        case .multiclass:
            guard case .string(let p) = prediction, case .string(let t) = label else { return }
            if streams[s].windows[w].multiclass == nil { streams[s].windows[w].multiclass = MulticlassAccumulator() }
            streams[s].windows[w].multiclass?.insert(predicted: p.string(in: line), actual: t.string(in: line))
        case nil: return
        }
    }

    private static func outcomeKind(_ value: JSONValue) -> FeatureKind? {
        switch value {
        case .number, .bool: .numeric
        case .string: .categorical
        default: nil
        }
    }
}
