import Testing

@testable import DriftStore

struct StoreRoundTripTests {
    typealias F = StoreFixtures

    @Test func everyRowTypeSurvivesCloseAndReopen() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("state.db")
        let key = F.key("fraud\u{0}x", "3.2.1-ü", start: -3_600_000)  // before 1970, odd strings
        let window = StoredWindow(
            key: key, endMs: 0, rows: Int64(Int32.max) + 1, lateRows: 0, profile: [0, 0, 0], updatedMs: .max)
        let emptyProfile = StoredWindow(key: F.key(start: 0), endMs: 1, rows: 0, lateRows: 0, profile: [], updatedMs: 0)
        let scores = [
            StoredScore(
                feature: "amount", kind: "numeric", test: "ks", value: 0.25, threshold: 0.1, pValue: 1e-300,
                verdict: "drift", isPrimary: false),
            StoredScore(
                feature: "amount", kind: "numeric", test: "psi", value: .nan, threshold: .infinity, pValue: nil,
                verdict: "insufficient_data", isPrimary: true),
            StoredScore(
                feature: "country", kind: "categorical", test: "linf", value: -0.0, threshold: 0.2, pValue: 0,
                verdict: "ok", isPrimary: true),
        ]
        let file = IngestFileRecord(
            path: "/logs/a b.jsonl", device: .max, inode: 1 << 63, fingerprint: "sha256:00ff", size: 10, offset: 10,
            tailHash: .max - 1, lines: 3, badLines: 1, updatedMs: 7)
        let sample = BadLineSample(
            path: "/logs/a b.jsonl", line: 2, reason: "bad_json", field: "features.amount",
            excerpt: [0x7b, 0, 0x22, 0, 0xff], createdMs: 8)
        let baseline = StoredBaseline(
            model: "fraud", version: "3.2.1", createdMs: 100, source: "train.jsonl",
            sha256: String(repeating: "ab", count: 32),
            profile: [0x44, 0x57, 0, 0, 0], document: "{\"name\": \"fraud\",\n \"bins\": [0, 1e-9]}")
        do {
            let store = try Store(path: path)
            try store.commit(
                WindowBatch(
                    windows: [window, emptyProfile],
                    windowBadLines: [WindowBadLineCount(key: key, reason: "late", count: 3)],
                    scores: [key: scores], ingestFiles: [file],
                    ingestBadLines: [IngestBadLineCount(fingerprint: file.fingerprint, reason: "bad_json", count: 1)],
                    badLineSamples: [sample]))
            try store.saveBaseline(baseline)
            try store.setMeta("v0.1.0", for: "created_by")
        }
        let store = try Store(path: path)
        #expect(try store.windows() == [emptyProfile, window])  // "fraud" < "fraud\0x"
        #expect(try store.window(model: key.model, version: key.version, start: key.startMs) == window)
        #expect(try store.window(model: "fraud", version: key.version, start: key.startMs) == nil)
        #expect(try store.scores(model: key.model, version: key.version, start: key.startMs) == scores)
        #expect(
            try store.badLines(model: key.model, version: key.version, start: key.startMs) == [
                WindowBadLineCount(key: key, reason: "late", count: 3)
            ])
        #expect(try store.ingestFile(fingerprint: file.fingerprint) == file)
        #expect(try store.ingestFile(fingerprint: "other") == nil)
        #expect(try store.badLineSamples() == [sample])
        #expect(try store.baseline(model: "fraud", version: "3.2.1") == baseline)
        #expect(try store.baselines() == [baseline])
        #expect(try store.meta("created_by") == "v0.1.0")
        #expect(try store.meta("absent") == nil)
        #expect(try store.models() == ["fraud", "fraud\u{0}x"])
        #expect(
            try store.counters()
                == StoreCounters(totalLines: 3, badLines: 1, badLinesByReason: [.init(reason: "bad_json", count: 1)]))
    }

    @Test func currentBaselineIsTheLatestCreated() throws {
        let store = try Store(path: ":memory:")
        func baseline(_ model: String, _ version: String, _ created: Int64) -> StoredBaseline {
            StoredBaseline(
                model: model, version: version, createdMs: created, source: "s", sha256: "h", profile: [1],
                document: "{}")
        }
        #expect(try store.currentBaseline(model: "fraud") == nil)
        try store.saveBaseline(baseline("fraud", "2", 200))
        try store.saveBaseline(baseline("fraud", "1", 100))  // saved later, created earlier
        try store.saveBaseline(baseline("churn", "9", 900))
        #expect(try store.currentBaseline(model: "fraud") == baseline("fraud", "2", 200))
        try store.saveBaseline(baseline("fraud", "1", 300))  // re-created: replaces, becomes current
        #expect(try store.currentBaseline(model: "fraud") == baseline("fraud", "1", 300))
        #expect(try store.baselines().map { "\($0.model)/\($0.version)" } == ["churn/9", "fraud/2", "fraud/1"])
        #expect(try store.models() == ["churn", "fraud"])
    }

    @Test func counterTotalsSumOverSources() throws {
        let store = try Store(path: ":memory:")
        #expect(try store.counters() == StoreCounters(totalLines: 0, badLines: 0, badLinesByReason: []))
        try store.commit(
            WindowBatch(
                ingestFiles: [F.file("a", offset: 100), F.file("b", offset: 50)],
                ingestBadLines: [
                    IngestBadLineCount(fingerprint: "a", reason: "bad_json", count: 2),
                    IngestBadLineCount(fingerprint: "b", reason: "bad_json", count: 3),
                    IngestBadLineCount(fingerprint: "b", reason: "missing_ts", count: 4),
                ]))
        let counters = try store.counters()
        #expect(counters.totalLines == 10 + 5)  // F.file: lines = offset / 10
        #expect(counters.badLines == 2)  // F.file: badLines = 1 each
        #expect(
            counters.badLinesByReason == [.init(reason: "bad_json", count: 5), .init(reason: "missing_ts", count: 4)])
    }

    @Test func windowFiltersAreHalfOpenOnStart() throws {
        let store = try Store(path: ":memory:")
        let hour: Int64 = 3_600_000
        var all: [StoredWindow] = []
        for model in ["b", "a"] {
            for version in ["2", "1"] {
                for index in [3, 0, 2, 1] as [Int64] {
                    all.append(F.window(F.key(model, version, start: index * hour)))
                }
            }
        }
        try store.commit(WindowBatch(windows: all))
        let sorted = all.sorted {
            ($0.key.model, $0.key.version, $0.key.startMs) < ($1.key.model, $1.key.version, $1.key.startMs)
        }
        let bounds: [Int64?] = [nil, 0, hour, 2 * hour, 4 * hour]
        for model in [nil, "a", "b", "c"] as [String?] {
            for since in bounds {
                for until in bounds {
                    let expected = sorted.filter { window in
                        (model == nil || window.key.model == model) && (since.map { window.key.startMs >= $0 } ?? true)
                            && (until.map { window.key.startMs < $0 } ?? true)
                    }
                    let found = try store.windows(model: model, since: since, until: until)
                    #expect(found == expected, "model \(model ?? "nil") since \(since ?? -1) until \(until ?? -1)")
                }
            }
        }
    }
}
