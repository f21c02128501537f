import DriftCore
import DriftStore

/// The per-line fold of backfill alone — scan, event time, window, sketches — with nothing
/// committed and nothing scored; for the stage benchmark (`Benchmarks/`), which times the hot
/// path one stage at a time. Not used by the product.
///
/// Windows open seeded from `store` and read its baseline, exactly as in backfill; the store is
/// only read.
public struct WindowFolder {
    var aggregator: WindowAggregator

    /// Prepares the fold for the configuration's layout.
    /// - Throws: ``ConfigError`` when a configured field path is not a dotted JSON path.
    public init(configuration: Configuration, store: Store) throws {
        aggregator = try WindowAggregator(configuration: configuration, store: store)
    }

    /// Folds one line (without its newline); true when it was counted in a window.
    /// - Throws: only when a stored window or baseline cannot be read.
    public mutating func fold(_ line: UnsafeRawBufferPointer) throws -> Bool {
        try aggregator.process(line) == .counted
    }

    /// Closes every open window, building its profile as a commit would; returns how many closed.
    public mutating func closeAll() -> Int {
        aggregator.closeAll()
        return aggregator.drain(includeOpen: false).windows.count
    }
}
