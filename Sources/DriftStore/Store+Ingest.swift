extension Store {
    /// The checkpoint of the source file with this fingerprint, if it was ever ingested.
    public func ingestFile(fingerprint: String) throws -> IngestFileRecord? {
        try connection.withStatement(Schema.selectIngestFile) { statement in
            try statement.rows([.text(fingerprint)], IngestFileRecord.init(row:)).first
        }
    }

    /// Every source checkpoint, ordered by path.
    /// - Complexity: O(sources).
    public func ingestFiles() throws -> [IngestFileRecord] {
        try connection.withStatement(Schema.selectIngestFiles) { statement in
            try statement.rows([], IngestFileRecord.init(row:))
        }
    }

    /// The bad-line counts of one source file, ordered by reason.
    public func ingestBadLines(fingerprint: String) throws -> [IngestBadLineCount] {
        try connection.withStatement(Schema.selectIngestBadLines) { statement in
            try statement.rows([.text(fingerprint)]) {
                IngestBadLineCount(fingerprint: $0.string(at: 0), reason: $0.string(at: 1), count: $0.int64(at: 2))
            }
        }
    }

    /// Every source file's line counters next to the sum of its per-reason bad-line counts,
    /// ordered by path (see ``IngestFileTally`` for the invariant they keep).
    /// - Complexity: O(sources × reasons).
    public func ingestFileTallies() throws -> [IngestFileTally] {
        try connection.withStatement(Schema.selectIngestFileTallies) { statement in
            try statement.rows([]) {
                IngestFileTally(
                    path: $0.string(at: 0), fingerprint: $0.string(at: 1), lines: $0.int64(at: 2),
                    badLines: $0.int64(at: 3), badLinesByReason: $0.int64(at: 4))
            }
        }
    }

    /// Stored bad-line samples, ordered by path, reason and line.
    /// - Parameters:
    ///   - path: only this source's samples; `nil` for all.
    ///   - reason: only samples with this reason; `nil` for all.
    /// - Complexity: O(matching samples).
    public func badLineSamples(path: String? = nil, reason: String? = nil) throws -> [BadLineSample] {
        try connection.withStatement(Schema.selectBadLineSamples) { statement in
            try statement.rows([.text(path), .text(reason)], BadLineSample.init(row:))
        }
    }

    /// Upserts source checkpoints by fingerprint; runs inside ``commit(_:)``'s transaction.
    func upsert(_ files: [IngestFileRecord]) throws {
        guard !files.isEmpty else { return }
        try connection.withStatement(Schema.upsertIngestFile) { statement in
            for file in files {
                try statement.run([
                    .text(file.path), .integer(Int64(bitPattern: file.device)), .integer(Int64(bitPattern: file.inode)),
                    .text(file.fingerprint), .integer(file.size), .integer(file.offset),
                    .integer(Int64(bitPattern: file.tailHash)), .integer(file.lines), .integer(file.badLines),
                    .integer(file.updatedMs),
                ])
            }
        }
    }

    /// Adds source bad-line counts; runs inside ``commit(_:)``'s transaction.
    func add(_ counts: [IngestBadLineCount]) throws {
        guard !counts.isEmpty else { return }
        try connection.withStatement(Schema.addIngestBadLines) { statement in
            for count in counts {
                try statement.run([.text(count.fingerprint), .text(count.reason), .integer(count.count)])
            }
        }
    }

    /// Inserts samples below the cap, cutting excerpts; runs inside ``commit(_:)``'s transaction.
    func insert(_ samples: [BadLineSample]) throws {
        guard !samples.isEmpty else { return }
        let cap = Int64(configuration.badLineSamplesPerReason)
        try connection.withStatement(Schema.insertBadLineSample) { statement in
            for sample in samples {
                try statement.run([
                    .text(sample.path), .integer(sample.line), .text(sample.reason), .text(sample.field),
                    .blob(Array(sample.excerpt.prefix(BadLineSample.maximumExcerptBytes))),
                    .integer(sample.createdMs), .integer(cap),
                ])
            }
        }
    }
}

extension IngestFileRecord {
    /// Reads a row of `Schema.selectIngestFile(s)`.
    fileprivate init(row: Statement) {
        self.init(
            path: row.string(at: 0), device: UInt64(bitPattern: row.int64(at: 1)),
            inode: UInt64(bitPattern: row.int64(at: 2)), fingerprint: row.string(at: 3), size: row.int64(at: 4),
            offset: row.int64(at: 5), tailHash: UInt64(bitPattern: row.int64(at: 6)), lines: row.int64(at: 7),
            badLines: row.int64(at: 8), updatedMs: row.int64(at: 9))
    }
}

extension BadLineSample {
    /// Reads a row of `Schema.selectBadLineSamples`.
    fileprivate init(row: Statement) {
        self.init(
            path: row.string(at: 0), line: row.int64(at: 1), reason: row.string(at: 2),
            field: row.optionalString(at: 3), excerpt: row.bytes(at: 4), createdMs: row.int64(at: 5))
    }
}
