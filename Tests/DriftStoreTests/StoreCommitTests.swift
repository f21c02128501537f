import Testing

@testable import DriftStore

struct StoreCommitTests {
    typealias F = StoreFixtures

    @Test func batchWithAFailingSecondRowLeavesNothing() throws {
        let store = try Store(path: ":memory:")
        let good = F.window(F.key(start: 0))
        var bad = F.window(F.key(start: 3_600_000))
        bad.endMs = bad.key.startMs  // breaks CHECK (end_ms > start_ms)
        let batch = WindowBatch(
            windows: [good, bad], ingestFiles: [F.file("fp-1")], badLineSamples: [F.sample(line: 1)])
        let error = try #require(throws: StoreError.self) { try store.commit(batch) }
        #expect(error.category == .constraint, "\(error)")
        #expect(error.description.contains("rolled back"))
        #expect(try store.windows().isEmpty)
        #expect(try store.ingestFile(fingerprint: "fp-1") == nil)
        #expect(try store.badLineSamples().isEmpty)
        // The connection is usable afterwards and the same good rows commit alone.
        try store.commit(WindowBatch(windows: [good]))
        #expect(try store.windows() == [good])
    }

    @Test func failureLateInTheBatchUndoesEarlierParts() throws {
        let store = try Store(path: ":memory:")
        let window = F.window(F.key())
        // Scores for a window that exists neither in the store nor in the batch break the foreign key.
        let orphan = F.key(start: 99 * 3_600_000)
        let batch = WindowBatch(
            windows: [window], windowBadLines: [WindowBadLineCount(key: window.key, reason: "bad_json", count: 2)],
            scores: [orphan: [F.score("amount")]], ingestFiles: [F.file("fp-1")])
        let error = try #require(throws: StoreError.self) { try store.commit(batch) }
        #expect(error.category == .constraint, "\(error)")
        #expect(try store.windows().isEmpty)
        #expect(try store.badLines(model: "fraud", version: "3.2.1", start: window.key.startMs).isEmpty)
        #expect(try store.ingestFiles().isEmpty)
    }

    @Test func badLinesOfAnUnknownSourceAreRejected() throws {
        let store = try Store(path: ":memory:")
        let batch = WindowBatch(
            ingestFiles: [F.file("known")],
            ingestBadLines: [IngestBadLineCount(fingerprint: "unknown", reason: "x", count: 1)])
        #expect(throws: StoreError.self) { try store.commit(batch) }
        #expect(try store.ingestFiles().isEmpty)
    }

    @Test func upsertReplacesWindowsAndCheckpoints() throws {
        let store = try Store(path: ":memory:")
        let key = F.key()
        try store.commit(
            WindowBatch(windows: [F.window(key, rows: 10, marker: 1)], ingestFiles: [F.file("fp", offset: 100)]))
        let newer = F.window(key, rows: 25, marker: 2, updated: 9)
        let moved = F.file("fp", path: "/var/log/pred.jsonl.1", offset: 300)
        try store.commit(WindowBatch(windows: [newer], ingestFiles: [moved]))
        #expect(try store.windows() == [newer])
        #expect(try store.window(model: key.model, version: key.version, start: key.startMs) == newer)
        #expect(try store.ingestFiles() == [moved])
    }

    @Test func badLineCountsAddUpAcrossBatches() throws {
        let store = try Store(path: ":memory:")
        let key = F.key()
        for count: Int64 in [1, 2, 4] {
            try store.commit(
                WindowBatch(
                    windows: [F.window(key)],
                    windowBadLines: [
                        WindowBadLineCount(key: key, reason: "wrong_type", count: count),
                        WindowBadLineCount(key: key, reason: "missing_ts", count: 10 * count),
                    ],
                    ingestFiles: [F.file("fp")],
                    ingestBadLines: [IngestBadLineCount(fingerprint: "fp", reason: "bad_json", count: count)]))
        }
        #expect(
            try store.badLines(model: key.model, version: key.version, start: key.startMs) == [
                WindowBadLineCount(key: key, reason: "missing_ts", count: 70),
                WindowBadLineCount(key: key, reason: "wrong_type", count: 7),
            ])
        #expect(
            try store.ingestBadLines(fingerprint: "fp") == [
                IngestBadLineCount(fingerprint: "fp", reason: "bad_json", count: 7)
            ])
    }

    @Test func scoresOfAListedWindowAreReplacedAndOthersKept() throws {
        let store = try Store(path: ":memory:")
        let a = F.key(start: 0)
        let b = F.key(start: 3_600_000)
        try store.commit(
            WindowBatch(
                windows: [F.window(a), F.window(b)],
                scores: [a: [F.score("amount"), F.score("country", "chi2")], b: [F.score("amount")]]))
        try store.commit(WindowBatch(scores: [a: [F.score("amount", value: 0.3)]]))
        #expect(
            try store.scores(model: a.model, version: a.version, start: a.startMs) == [F.score("amount", value: 0.3)])
        #expect(try store.scores(model: b.model, version: b.version, start: b.startMs) == [F.score("amount")])
        try store.commit(WindowBatch(scores: [b: []]))
        #expect(try store.scores(model: b.model, version: b.version, start: b.startMs).isEmpty)
    }

    @Test func samplesAreCappedPerPathAndReason() throws {
        let store = try Store(path: ":memory:", options: Store.Configuration(badLineSamplesPerReason: 3))
        var samples: [BadLineSample] = []
        for line in 1...5 as ClosedRange<Int64> {
            samples.append(F.sample(line: line, reason: "bad_json"))
            samples.append(F.sample(line: line, reason: "missing_ts"))
            samples.append(F.sample(path: "/other.jsonl", line: line, reason: "bad_json"))
        }
        // Split over two batches: the cap counts what is already stored.
        try store.commit(WindowBatch(badLineSamples: Array(samples.prefix(4))))
        try store.commit(WindowBatch(badLineSamples: Array(samples.dropFirst(4))))
        let stored = try store.badLineSamples()
        #expect(stored.count == 9)
        for (path, reason) in [
            ("/var/log/pred.jsonl", "bad_json"), ("/var/log/pred.jsonl", "missing_ts"), ("/other.jsonl", "bad_json"),
        ] {
            let kept = try store.badLineSamples(path: path, reason: reason)
            #expect(kept.map(\.line) == [1, 2, 3], "\(path) \(reason): the first three are kept")
        }
    }

    @Test func defaultCapIsTwentyAndExcerptsAreCut() throws {
        let store = try Store(path: ":memory:")
        let long = BadLineSample(
            path: "/p", line: 1, reason: "too_long", field: "features.amount", excerpt: Array(repeating: 0, count: 500),
            createdMs: 1)
        try store.commit(WindowBatch(badLineSamples: Array(repeating: long, count: 30)))
        let stored = try store.badLineSamples(path: "/p")
        #expect(stored.count == 20)
        #expect(stored.allSatisfy { $0.excerpt == Array(repeating: 0, count: 120) && $0.field == "features.amount" })
    }

    @Test func deleteWindowsRemovesTheRangeWithItsScoresAndBadLines() throws {
        let store = try Store(path: ":memory:")
        let hour: Int64 = 3_600_000
        let keys = (0..<5).map { F.key(start: Int64($0) * hour) } + [F.key("churn", "1", start: hour)]
        try store.commit(
            WindowBatch(
                windows: keys.map { F.window($0) },
                windowBadLines: keys.map { WindowBadLineCount(key: $0, reason: "r", count: 1) },
                scores: Dictionary(uniqueKeysWithValues: keys.map { ($0, [F.score("amount")]) })))
        #expect(try store.deleteWindows(model: "fraud", since: hour, until: 3 * hour) == 2)
        #expect(try store.windows(model: "fraud").map(\.key.startMs) == [0, 3 * hour, 4 * hour])
        #expect(try store.windows(model: "churn").count == 1)
        let orphans = try store.connection.integer(
            "SELECT (SELECT count(*) FROM window_scores) + (SELECT count(*) FROM window_bad_lines)")
        #expect(orphans == 2 * 4, "scores and bad lines of the deleted windows are gone")
        #expect(try store.deleteWindows(model: "fraud") == 3)
        #expect(try store.models() == ["churn"])
    }
}
