import DriftCore

extension ReportBuilder {
    /// One warning per model version whose windows' rows differ from its learned thresholds'
    /// chunks by more than ``ChunkSizeCheck/factor`` (each such window also carries its own):
    /// how many of the version's windows differ, and the lower median of their rows as the
    /// `--learn-chunk-rows` to rebuild the baseline with.
    /// - Parameter windows: one model's windows.
    static func chunkSizeWarnings(_ windows: [Report.Window]) -> [String] {
        var warnings: [String] = []
        for version in Set(windows.map(\.version)).sorted() {
            let own = windows.filter { $0.version == version }
            let off = own.filter { !$0.warnings.isEmpty }.compactMap { window in
                window.learnedChunkRows.map { (rows: window.rows, chunk: $0) }
            }
            guard let chunk = off.first?.chunk else { continue }
            let rows = off.map(\.rows).sorted()
            let median = rows[(rows.count - 1) / 2]
            let name = version.isEmpty ? "" : "version \(version): "
            warnings.append(
                "\(name)threshold learned on \(ChunkSizeCheck.grouped(chunk))-row chunks; \(off.count) of "
                    + "\(own.count) windows differ by more than \(ChunkSizeCheck.factor)x (median "
                    + "\(ChunkSizeCheck.grouped(median)) rows): consider --learn-chunk-rows \(median)")
        }
        return warnings
    }
}
