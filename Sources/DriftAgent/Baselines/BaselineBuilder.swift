import DriftCore
import DriftIngest
import DriftStore

/// Builds a baseline from training data (JSONL, or CSV with a header) or from stored windows.
///
/// From files it makes two passes: the first learns each feature's kind and collects the exact
/// values of numeric features, whose deciles (numpy's linear interpolation, duplicates removed)
/// become the bin edges; the second builds the profile with exact counts in those bins and, in the
/// same read, one profile per chunk of consecutive rows, from which it learns thresholds
/// (``Learning``, ``DriftCore/LearnedThresholds``). Training lines need no timestamp or model
/// field: every line belongs to the requested model.
public enum BaselineBuilder {
    /// Most numeric values kept for exact deciles; beyond it the deciles come from the sketch.
    public static let exactValueLimit = 20_000_000

    /// The outcome of a build.
    public struct Result: Sendable {
        /// The baseline.
        public var baseline: Baseline
        /// Lines read.
        public var lines: Int64
        /// Unusable lines by reason.
        public var badLines: [String: Int64]
        /// Whether every numeric feature's edges are exact deciles.
        public var exactEdges: Bool
    }

    /// Builds the baseline of `model` (version `version`, or `""`) from `inputs`.
    /// - Throws: ``AgentError/noRows(model:detail:)`` when no line was usable; input and store errors.
    public static func build(
        configuration: Configuration, model: String, version: String?, inputs: [String], createdMs: Int64,
        learning: Learning = Learning()
    ) throws -> Result {
        let paths = try PathExpansion.expand(inputs)
        var temporary: [String] = []
        defer { for path in temporary { CSVConverter.remove(path) } }
        var jsonl: [String] = []
        for path in paths {
            if path.lowercased().hasSuffix(".csv") {
                let converted = try CSVConverter.convert(path: path, configuration: configuration, model: model)
                temporary.append(converted)
                jsonl.append(converted)
            } else {
                jsonl.append(path)
            }
        }
        let key = StreamKey(model: model, version: version ?? "")
        var settings = configuration
        if !settings.accepts(model: model) { settings.models.append(settings.model(named: model)) }
        let scratch = try Store(path: ":memory:")

        // Pass 1: kinds and raw numeric values.
        var first = try aggregator(settings, scratch, key)
        let (lines, bad) = try LineFolder.fold(jsonl, into: &first)
        first.closeAll()
        guard let draft = first.drain(includeOpen: true).windows.first?.profile, draft.rows > 0 else {
            throw AgentError.noRows(model: model, detail: "\(lines) line(s) read, none usable (\(bad))")
        }
        let numeric = draft.featureNames.filter { draft.features[$0]?.kind == .numeric }
        let collected = try ValueCollector.collect(
            paths: jsonl, features: numeric, configuration: settings.model(named: model),
            limit: exactValueLimit)
        // The second pass only needs each feature's kind and, for numeric ones, the bin edges.
        var proto = Profile()
        for (name, summary) in draft.features {
            guard summary.kind == .numeric else {
                proto.features[name] = FeatureSummary(kind: summary.kind)
                continue
            }
            let edges: [Double]
            if let values = collected[name] {
                edges = QuantileBins.innerEdges(fromSortedBaseline: values)
            } else {
                edges = QuantileBins.innerEdges(fromQuantiles: summary.sketch.quantiles(at: QuantileBins.deciles))
            }
            proto.features[name] = FeatureSummary(kind: .numeric, binEdges: edges.filter(\.isFinite))
        }

        // Pass 2: the profile with exact bin counts.
        let protoBaseline = Baseline(
            model: model, version: key.version, createdMs: createdMs, source: "", profile: proto)
        try scratch.saveBaseline(protoBaseline.stored)
        var second = try aggregator(settings, scratch, key)
        let plan = learning.plan(rows: draft.rows)
        var chunker = try plan.chunks.map { count in
            var chunker = try aggregator(settings, scratch, key, windowMilliseconds: 1)
            chunker.rowChunks = RowChunks(rows: Int64(draft.rows), count: Int64(count))
            return chunker
        }
        _ = try LineFolder.fold(jsonl, into: &second, alongside: &chunker)
        second.closeAll()
        guard let profile = second.drain(includeOpen: true).windows.first?.profile else {
            throw AgentError.noRows(model: model, detail: "the second pass found no rows")
        }
        var learned = plan.note.map { LearnedThresholds(chunks: 0, chunkRows: 0, sigmas: learning.sigmas, note: $0) }
        if var chunker {
            chunker.closeAll()
            let chunks = chunker.drain(includeOpen: true).windows.sorted { $0.key.start < $1.key.start }
            learned = LearnedThresholds.learn(
                baseline: Learning.named(profile),
                chunks: chunks.map { (rows: $0.profile.rows, features: Learning.named($0.profile)) },
                sigmas: learning.sigmas)
        }
        let source = "files: " + inputs.joined(separator: ", ")
        let baseline = Baseline(
            model: model, version: key.version, createdMs: createdMs, source: source, profile: profile,
            learned: learned)
        return Result(
            baseline: baseline, lines: lines, badLines: bad, exactEdges: numeric.allSatisfy { collected[$0] != nil })
    }

    private static func aggregator(
        _ configuration: Configuration, _ store: Store, _ key: StreamKey, windowMilliseconds: Int64 = Int64.max / 4
    ) throws -> WindowAggregator {
        var settings = configuration
        settings.defaults.windowMilliseconds = windowMilliseconds  // a model the file does not list
        settings.defaults.latenessMilliseconds = 0
        for index in settings.models.indices where settings.models[index].name == key.model {
            settings.models[index].windowMilliseconds = windowMilliseconds
            settings.models[index].latenessMilliseconds = 0
        }
        var aggregator = try WindowAggregator(configuration: settings, store: store)
        aggregator.fixedStream = key
        return aggregator
    }
}
