extension Store {
    /// How a ``Store`` opens its file. Defaults: WAL, `synchronous=NORMAL`, a 5 s busy timeout,
    /// 8 KiB pages on new files, read-write, 20 bad-line samples per (path, reason).
    public struct Configuration: Equatable, Sendable {
        /// SQLite's journal modes (`PRAGMA journal_mode`).
        public enum JournalMode: String, Sendable, CaseIterable {
            /// Write-ahead log: readers never block the writer. The default.
            case wal = "WAL"
            /// Rollback journal, deleted after each transaction.
            case delete = "DELETE"
            /// Rollback journal, truncated after each transaction.
            case truncate = "TRUNCATE"
            /// Rollback journal, header zeroed after each transaction.
            case persist = "PERSIST"
        }

        /// SQLite's durability levels (`PRAGMA synchronous`).
        public enum Synchronous: String, Sendable, CaseIterable {
            /// No fsync; a power loss may corrupt the file.
            case off = "OFF"
            /// In WAL mode, durable up to the last checkpoint, never corrupt. The default.
            case normal = "NORMAL"
            /// fsync at every commit.
            case full = "FULL"
            /// `FULL` plus an fsync of the directory.
            case extra = "EXTRA"
        }

        /// The journal mode set on open (ignored for read-only and in-memory stores).
        public var journalMode: JournalMode
        /// The durability level set on open.
        public var synchronous: Synchronous
        /// How long to wait for another connection's lock before failing with a busy error.
        public var busyTimeoutMilliseconds: Int32
        /// The page size given to a new, empty file (a power of two from 512 to 65536).
        public var pageSize: Int
        /// Open without creating, migrating or writing.
        public var isReadOnly: Bool
        /// At most this many bad-line samples are kept per (path, reason).
        public var badLineSamplesPerReason: Int

        /// Creates a configuration; every parameter has the documented default.
        public init(
            journalMode: JournalMode = .wal, synchronous: Synchronous = .normal,
            busyTimeoutMilliseconds: Int32 = 5000, pageSize: Int = 8192, isReadOnly: Bool = false,
            badLineSamplesPerReason: Int = 20
        ) {
            self.journalMode = journalMode
            self.synchronous = synchronous
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.pageSize = pageSize
            self.isReadOnly = isReadOnly
            self.badLineSamplesPerReason = badLineSamplesPerReason
        }

        /// Stops on values that are programmer errors rather than runtime conditions.
        func validate() {
            precondition(busyTimeoutMilliseconds >= 0, "busyTimeoutMilliseconds must be >= 0")
            precondition(
                (512...65536).contains(pageSize) && pageSize & (pageSize - 1) == 0,
                "pageSize must be a power of two in 512...65536, got \(pageSize)")
            precondition(badLineSamplesPerReason >= 0, "badLineSamplesPerReason must be >= 0")
        }
    }
}
