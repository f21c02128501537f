import DriftAgent
import DriftStore

extension IngestDriver {
    /// The live engine (DriftAgent's `LiveIngest`) over `store`, following `sources`.
    ///
    /// Integration point: when `LiveIngest` lands, this becomes
    /// ```
    /// let ingest = try LiveIngest(configuration: configuration, store: store, sources: sources, now: wallNow)
    /// return IngestDriver(
    ///     poll: { IngestProgress(try ingest.poll()) }, checkpoint: ingest.checkpoint,
    ///     closeIdle: ingest.closeIdle(wallNow:), reload: ingest.reload(configuration:),
    ///     shutdown: ingest.shutdown, counters: { IngestCounters(ingest.counters) })
    /// ```
    /// with two small initialisers mapping `LiveIngest.Progress` and `LiveIngest.Counters`.
    /// - Throws: ``ServiceError/engineUnavailable`` until then; afterwards the engine's errors
    ///   (the store cannot be written, a saved position is unreadable).
    public static func live(
        configuration: Configuration, store: Store, sources: [String], wallNow: @escaping () -> Int64
    ) throws -> IngestDriver {
        _ = (configuration, store, sources, wallNow)
        throw ServiceError.engineUnavailable
    }

    /// The sources to follow: each configured model's `sources`, then `globs` from the command line,
    /// without duplicates, in that order.
    public static func sources(configuration: Configuration, globs: [String]) -> [String] {
        var seen = Set<String>()
        return (configuration.models.flatMap(\.sources) + globs).filter { seen.insert($0).inserted }
    }
}
