import DriftStore

/// Small row builders shared by the store tests.
enum StoreFixtures {
    static func key(_ model: String = "fraud", _ version: String = "3.2.1", start: Int64 = 3_600_000)
        -> StoredWindowKey
    {
        StoredWindowKey(model: model, version: version, startMs: start)
    }

    /// A window one hour long whose profile holds NUL bytes and `marker`.
    static func window(_ key: StoredWindowKey, rows: Int64 = 10, marker: UInt8 = 7, updated: Int64 = 1) -> StoredWindow
    {
        StoredWindow(
            key: key, endMs: key.startMs + 3_600_000, rows: rows, lateRows: rows / 10,
            profile: [0x44, 0x57, 0, 0, marker, 0, 255], updatedMs: updated)
    }

    static func score(_ feature: String, _ test: String = "psi", value: Double = 0.05) -> StoredScore {
        StoredScore(
            feature: feature, kind: "numeric", test: test, value: value, threshold: 0.1, pValue: nil,
            verdict: value >= 0.1 ? "drift" : "ok", isPrimary: test == "psi")
    }

    static func file(_ fingerprint: String, path: String = "/var/log/pred.jsonl", offset: Int64 = 100)
        -> IngestFileRecord
    {
        IngestFileRecord(
            path: path, device: 2049, inode: 131_075, fingerprint: fingerprint, size: offset * 2, offset: offset,
            tailHash: 0xdead_beef_cafe_f00d, lines: offset / 10, badLines: 1, updatedMs: 42)
    }

    static func sample(path: String = "/var/log/pred.jsonl", line: Int64, reason: String = "bad_json") -> BadLineSample
    {
        BadLineSample(
            path: path, line: line, reason: reason, field: nil, excerpt: Array("{\"ts\":".utf8) + [0, 0],
            createdMs: 5)
    }
}
