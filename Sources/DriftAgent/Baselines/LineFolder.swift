import DriftIngest

/// Reads whole inputs line by line into a ``WindowAggregator``, without checkpoints: the simple
/// loop used where a run is all-or-nothing (building a baseline).
enum LineFolder {
    /// Folds every line of `paths` into `aggregator`.
    /// - Returns: lines read and unusable lines by reason label.
    static func fold(_ paths: [String], into aggregator: inout WindowAggregator) throws -> (
        lines: Int64, bad: [String: Int64]
    ) {
        var none: WindowAggregator?
        return try fold(paths, into: &aggregator, alongside: &none)
    }

    /// Folds every line of `paths` into `aggregator` and, in the same read, into `second` (which
    /// must accept the same lines: its outcomes are not counted).
    /// - Returns: lines read and unusable lines by reason label, as `aggregator` saw them.
    static func fold(
        _ paths: [String], into aggregator: inout WindowAggregator, alongside second: inout WindowAggregator?
    ) throws -> (lines: Int64, bad: [String: Int64]) {
        var lines: Int64 = 0
        var bad: [String: Int64] = [:]
        var failure: (any Error)?
        for path in paths {
            let source = try ByteSource(path: path)
            var splitter = LineSplitter(
                configuration: .init(maximumLineLength: aggregator.configuration.maximumLineBytes))
            aggregator.startSource()
            second?.startSource()
            func handle(_ line: LineSplitter.Line) {
                guard failure == nil else { return }
                lines += 1
                if line.isTooLong {
                    bad[BadLineReason.tooLong(length: line.length).label, default: 0] += 1
                    return
                }
                do {
                    switch try aggregator.process(line.bytes) {
                    case .counted: _ = try second?.process(line.bytes)
                    case .late: bad["late", default: 0] += 1
                    case .bad(let reason): bad[reason, default: 0] += 1
                    }
                } catch {
                    failure = error
                }
            }
            while try source.read({ splitter.feed($0, handle) }) {
                if let failure { throw failure }
            }
            splitter.finish(handle)
            if let failure { throw failure }
        }
        return (lines, bad)
    }
}
