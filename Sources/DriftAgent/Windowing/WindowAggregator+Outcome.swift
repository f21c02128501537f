import DriftCore
import DriftIngest

extension WindowAggregator {
    /// Folds the prediction, the inline label and, when both are there, the performance figures.
    mutating func foldOutcome(_ line: UnsafeRawBufferPointer, _ values: [JSONValue], stream s: Int, window w: Int) {
        let prediction = values[LineLayout.predictionSlot]
        let label = values[LineLayout.labelSlot]
        if let kind = streams[s].predictionKind ?? Self.outcomeKind(prediction) {
            streams[s].predictionKind = kind
            if streams[s].windows[w].prediction == nil {
                streams[s].windows[w].prediction = FeatureSummary(kind: kind, sketchK: streams[s].model.sketchK)
            }
            streams[s].windows[w].prediction?.observe(prediction, in: line)
        }
        guard let labelKind = streams[s].labelKind ?? Self.outcomeKind(label) else { return }
        if case .missing = label { return }
        streams[s].labelKind = labelKind
        if streams[s].windows[w].label == nil {
            streams[s].windows[w].label = FeatureSummary(kind: labelKind, sketchK: streams[s].model.sketchK)
        }
        streams[s].windows[w].label?.observe(label, in: line)
        foldPerformance(prediction: prediction, label: label, line, stream: s, window: w)
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
