import DriftAgent
import DriftStore
import Logging

extension IngestDriver {
    /// The live engine (DriftAgent's `LiveIngest`) over `store`, following `sources`.
    ///
    /// Opens the store's saved positions for the files the globs match (that is what READY waits
    /// for). After each checkpoint the store is pruned when `[retention] interval` has passed
    /// (``IngestCounters/windowsPruned``), and the windows that closed are drained from the engine: their
    /// primary scores become ``IngestCounters/scores`` and the windows go to `closedWindows` (the
    /// decision engine's entry point); the engine's notices (unreadable, truncated or replaced
    /// files) are logged as warnings.
    /// - Parameters:
    ///   - closedWindows: called with the windows closed by each checkpoint, in the service's task.
    ///   - labelGlobs: labels logs (`run --labels`, `[labels] sources`) read and joined after each
    ///     checkpoint (``LabelFollower``).
    ///   - revisedWindows: called with the windows whose performance the labels of a poll revised
    ///     (the decision engine's re-decision entry point).
    /// - Throws: the engine's configuration and store errors.
    public static func live(
        configuration: Configuration, store: Store, sources: [String], wallNow: @escaping () -> Int64,
        logger: Logger, closedWindows: @escaping ([WindowSnapshot]) -> Void = { _ in }, labelGlobs: [String] = [],
        revisedWindows: @escaping ([StoredWindowKey]) -> Void = { _ in }
    ) throws -> IngestDriver {
        let ingest = try LiveIngest(configuration: configuration, store: store, sources: sources, now: wallNow)
        let adapter = LiveIngestAdapter(ingest: ingest, store: store, wallNow: wallNow, logger: logger)
        let labels = LabelFollower(configuration: configuration, store: store, globs: labelGlobs, now: wallNow)
        return IngestDriver(
            poll: { try adapter.poll() },
            checkpoint: {
                closedWindows(try adapter.checkpoint())
                if !labels.isEmpty {
                    do {
                        let outcome = try labels.poll()
                        log(outcome, logger: logger)
                        if !outcome.revisedWindows.isEmpty { revisedWindows(outcome.revisedWindows) }
                    } catch {  // labels never stop ingest: logged, tried again at the next checkpoint
                        logger.error("labels failed", metadata: ["error": "\(error)"])
                    }
                }
                do {
                    try adapter.pruneIfDue()
                } catch {  // nor does retention: the rows stay, pruned again at the next interval
                    logger.error("retention failed", metadata: ["error": "\(error)"])
                }
            },
            closeIdle: { ingest.closeIdle(wallNow: $0) },
            reload: { try ingest.reload(configuration: $0) },
            shutdown: { closedWindows(try adapter.shutdown()) },
            counters: { adapter.counters() })
    }

    /// Logs what a poll of the labels logs did, when it did anything.
    private static func log(_ outcome: LabelOutcome, logger: Logger) {
        guard outcome != LabelOutcome() else { return }
        logger.info(
            "labels joined",
            metadata: [
                "joined": "\(outcome.joined)", "waiting": "\(outcome.waiting)", "duplicate": "\(outcome.duplicate)",
                "after_expiry": "\(outcome.afterExpiry)", "windows_revised": "\(outcome.windowsRevised)",
            ])
    }

    /// The labels logs to follow: `[labels] sources`, then `globs` from the command line, without
    /// duplicates, in that order.
    public static func labelSources(configuration: Configuration, globs: [String]) -> [String] {
        var seen = Set<String>()
        return (configuration.labels.sources + globs).filter { seen.insert($0).inserted }
    }

    /// The sources to follow: each configured model's `sources`, then `globs` from the command line,
    /// without duplicates, in that order.
    public static func sources(configuration: Configuration, globs: [String]) -> [String] {
        var seen = Set<String>()
        return (configuration.models.flatMap(\.sources) + globs).filter { seen.insert($0).inserted }
    }
}
