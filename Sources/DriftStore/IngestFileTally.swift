/// One source file's stored line counters side by side, for checking that they agree.
///
/// The invariant every ingest path keeps: a file's unusable lines (`ingest_files.bad_lines`) are
/// exactly the sum of its per-reason counts (`ingest_bad_lines`), and never more than the lines
/// read (`ingest_files.lines`; the rest are the lines counted into windows or joined as labels).
public struct IngestFileTally: Equatable, Sendable {
    /// The path the file was last read from.
    public var path: String
    /// The file's content fingerprint (its identity).
    public var fingerprint: String
    /// Lines read (`ingest_files.lines`).
    public var lines: Int64
    /// Unusable lines (`ingest_files.bad_lines`).
    public var badLines: Int64
    /// The sum of the file's per-reason counts (`ingest_bad_lines.count`).
    public var badLinesByReason: Int64

    /// Creates a tally.
    public init(path: String, fingerprint: String, lines: Int64, badLines: Int64, badLinesByReason: Int64) {
        self.path = path
        self.fingerprint = fingerprint
        self.lines = lines
        self.badLines = badLines
        self.badLinesByReason = badLinesByReason
    }

    /// Lines that were usable: read minus unusable.
    public var goodLines: Int64 { lines - badLines }

    /// Whether the counters agree: bad lines equal their per-reason sum and fit in the lines read.
    public var isConsistent: Bool { badLines == badLinesByReason && badLines >= 0 && badLines <= lines }
}
