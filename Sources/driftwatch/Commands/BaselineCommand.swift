import ArgumentParser
import DriftAgent
import DriftCore
import DriftIngest
import DriftStore

#if canImport(Glibc)
    import Glibc
#endif

/// `driftwatch baseline`: create, list and import baselines.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Create, list and import the baselines windows are scored against.",
        subcommands: [Create.self, List.self, Import.self])

    /// `baseline create`: from training data or from stored windows.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a baseline from training data (JSONL, or CSV with a header) or from stored windows.",
            discussion: """
                Stores the baseline and writes BASELINES_DIR/MODEL.json (the config's `baselines_dir`, \
                default Baselines/): bin edges, category frequencies, quantiles, counts, what it was built \
                from, and a sha256 of its content. From training data it also learns thresholds: it splits \
                the rows into consecutive chunks (--learn-chunks, default 10) and stores, per feature and \
                statistic, the mean + 3 sd of the chunk-vs-baseline statistic (used with \
                `learned_thresholds = true`, docs/STATISTICS.md). From stored windows each window of at \
                least --learn-min-chunk-rows rows is a chunk (at least 10 are needed; --learn-chunks 0 \
                learns nothing).
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The model the baseline belongs to.", valueName: "name"))
        var model: String

        @Option(
            name: .customLong("model-version"),
            help: ArgumentHelp("The model version (default: the model's baseline for every version).", valueName: "v"))
        var modelVersion: String?

        @Option(
            parsing: .upToNextOption,
            help: ArgumentHelp("Training files or globs (JSONL, CSV with a header, .gz).", valueName: "path"))
        var from: [String] = []

        @Option(
            name: .customLong("from-windows"),
            help: ArgumentHelp("Merge the stored windows starting in SINCE..UNTIL instead.", valueName: "since..until"))
        var fromWindows: String?

        @Option(help: ArgumentHelp("Write the JSON file here instead of BASELINES_DIR/MODEL.json.", valueName: "file"))
        var out: String?

        @Option(
            name: .customLong("learn-chunks"),
            help: ArgumentHelp(
                "Chunks of consecutive rows to learn thresholds from (at least 10; 0: learn nothing).", valueName: "n"))
        var learnChunks: Int = BaselineBuilder.Learning.defaultChunks

        @Option(
            name: .customLong("learn-chunk-rows"),
            help: ArgumentHelp(
                "Rows per chunk instead of a chunk count (e.g. the rows of one window).", valueName: "rows"))
        var learnChunkRows: Int?

        @Option(
            name: .customLong("learn-min-chunk-rows"),
            help: ArgumentHelp("The fewest rows a chunk may have; fewer learn nothing.", valueName: "rows"))
        var learnMinimumChunkRows: Int = BaselineBuilder.Learning.defaultMinimumChunkRows

        func validate() throws {
            guard from.isEmpty != (fromWindows == nil) else {
                throw ValidationError("give exactly one of --from PATH… and --from-windows SINCE..UNTIL")
            }
            if learnChunks != 0, learnChunks < LearnedThresholds.minimumChunks {
                throw ValidationError("--learn-chunks must be 0 or at least \(LearnedThresholds.minimumChunks)")
            }
            if learnChunks > BaselineBuilder.Learning.maximumChunks {
                throw ValidationError("--learn-chunks must be at most \(BaselineBuilder.Learning.maximumChunks)")
            }
            if let learnChunkRows, learnChunkRows < 1 { throw ValidationError("--learn-chunk-rows must be at least 1") }
            if learnChunkRows != nil, fromWindows != nil {
                throw ValidationError(
                    "--learn-chunk-rows applies to --from only: with --from-windows each window is a chunk")
            }
            if learnMinimumChunkRows < 1 { throw ValidationError("--learn-min-chunk-rows must be at least 1") }
            if let fromWindows, BackfillCommand.range(fromWindows) == nil {
                throw ValidationError(
                    "--from-windows must be SINCE..UNTIL with SINCE before UNTIL, e.g. 2026-11-01..2026-11-08")
            }
        }

        func run() throws {
            let configuration = try global.loadConfiguration()
            let store = try global.openStore(configuration: configuration, mustExist: fromWindows != nil)
            let now = Clock.wallMilliseconds()
            let result: BaselineBuilder.Result
            let learning = BaselineBuilder.Learning(
                chunks: learnChunks, chunkRows: learnChunkRows, minimumChunkRows: learnMinimumChunkRows)
            if let fromWindows, let range = BackfillCommand.range(fromWindows) {
                result = try BaselineBuilder.build(
                    store: store, model: model, version: modelVersion, since: range.lowerBound, until: range.upperBound,
                    createdMs: now, learning: learning)
            } else {
                result = try BaselineBuilder.build(
                    configuration: configuration, model: model, version: modelVersion, inputs: from, createdMs: now,
                    learning: learning)
            }
            try store.saveBaseline(result.baseline.stored)
            let path = out ?? "\(configuration.baselinesDirectory)/\(model).json"
            try FileBytes.write(Array(BaselineDocument.render(result.baseline).utf8), to: path)
            let bad = result.badLines.values.reduce(0, +)
            print(
                "baseline '\(model)'\(modelVersion.map { " version \($0)" } ?? ""): \(result.baseline.profile.rows) rows, "
                    + "\(result.baseline.profile.features.count) features, \(bad) bad lines, "
                    + "sha256 \(result.baseline.sha256.prefix(12)), written to \(path)")
            if let learned = result.baseline.learned {
                if let note = learned.note {
                    print("learned thresholds: \(note)")
                } else {
                    let count = learned.entries.values.reduce(0) { $0 + $1.count }
                    let chunks = fromWindows == nil ? "chunks" : "windows"
                    let median = fromWindows == nil ? "" : ", median \(learned.medianChunkRows)"
                    print(
                        "learned thresholds: \(count) (feature, statistic) pairs from \(learned.chunks) \(chunks) of "
                            + "at least \(learned.chunkRows) rows\(median) (mean + \(JSONWriter.format(learned.sigmas)) sd)"
                    )
                }
            }
            if !result.exactEdges && fromWindows == nil {
                print(
                    "note: more than \(BaselineBuilder.exactValueLimit) values: bin edges come from the sketch's deciles"
                )
            }
        }
    }

    /// `baseline list`: the stored baselines.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the stored baselines.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let configuration = try global.loadConfiguration()
            let store = try global.openStore(configuration: configuration, mustExist: true)
            let baselines = try store.baselines()
            if baselines.isEmpty { print("no baselines: create one with `driftwatch baseline create`") }
            for stored in baselines {
                let baseline = try Baseline(stored: stored)
                let version = stored.version.isEmpty ? "(all versions)" : stored.version
                print(
                    "\(stored.model)  \(version)  created \(Timestamp.format(milliseconds: stored.createdMs))  "
                        + "rows \(baseline.profile.rows)  features \(baseline.profile.features.count)  "
                        + "sha256 \(stored.sha256.prefix(12))  learned \(BaselineCommand.learnedSummary(baseline.learned))  "
                        + "from \(stored.source)")
            }
        }
    }

    /// How `baseline list` shows a baseline's learned thresholds.
    static func learnedSummary(_ learned: LearnedThresholds?) -> String {
        guard let learned else { return "none" }
        guard learned.note == nil else { return "none (too few rows)" }
        return "\(learned.entries.values.reduce(0) { $0 + $1.count }) over \(learned.chunks) chunks"
    }

    /// `baseline import FILE…`: store baselines from their JSON files.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store baselines from their JSON files (as written by `baseline create`).")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Baseline JSON files.", valueName: "file"))
        var files: [String]

        func run() throws {
            let configuration = try global.loadConfiguration()
            let store = try global.openStore(configuration: configuration, mustExist: false)
            for file in files {
                let baseline = try BaselineDocument.parse(try FileBytes.read(file), path: file)
                try store.saveBaseline(baseline.stored)
                print(
                    "imported baseline '\(baseline.model)' (\(baseline.profile.rows) rows, sha256 \(baseline.sha256.prefix(12))) from \(file)"
                )
            }
        }
    }
}
