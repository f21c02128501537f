/// What one poll of the ingest engine did, and how far behind each followed file is.
public struct IngestProgress: Sendable, Equatable {
    /// How far one source is behind its file.
    public struct SourceLag: Sendable, Equatable {
        /// The followed file.
        public var source: String
        /// Bytes in the file not yet read.
        public var bytes: Int64
        /// Seconds between the newest event time read and now (wall clock).
        public var seconds: Double

        /// Creates one source's lag.
        public init(source: String, bytes: Int64, seconds: Double) {
            self.source = source
            self.bytes = bytes
            self.seconds = seconds
        }
    }

    /// Bytes read by this poll.
    public var bytes: Int64
    /// Whole lines read by this poll.
    public var lines: Int64
    /// Files held open after this poll.
    public var filesOpen: Int
    /// Lag per followed file.
    public var sources: [SourceLag]

    /// Creates a poll's progress.
    public init(bytes: Int64 = 0, lines: Int64 = 0, filesOpen: Int = 0, sources: [SourceLag] = []) {
        self.bytes = bytes
        self.lines = lines
        self.filesOpen = filesOpen
        self.sources = sources
    }

    /// Whether the poll read anything (if not, the loop sleeps before the next one).
    public var readAnything: Bool { bytes > 0 }

    /// The largest lag in seconds over the sources, 0 with none.
    public var maximumLagSeconds: Double { sources.map(\.seconds).max() ?? 0 }
}
