import Testing

@testable import DriftStore

/// Schema v3: pending predictions and their limits, waiting labels, window label revisions.
struct LabelStoreTests {
    static let hour: Int64 = 3_600_000

    static func pending(_ id: String, _ key: StoredWindowKey, at time: Int64, score: Double = 0.7) -> PendingPrediction
    {
        PendingPrediction(
            model: key.model, version: key.version, id: id, windowStartMs: key.startMs, eventMs: time, score: score,
            predictedClass: nil)
    }

    static func counts(_ store: Store) throws -> [String: Int64] {
        Dictionary(try store.labelCounts().map { ("\($0.model)/\($0.reason)", $0.count) }, uniquingKeysWith: +)
    }

    @Test func versionTwoFileUpgradesAndKeepsItsWindows() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("v2.db")
        let key = StoreFixtures.key()
        do {
            let connection = try Connection(path: path, configuration: Store.Configuration())
            try Migrations.migrate(connection, isReadOnly: false, scripts: [Schema.createV1, Schema.createV2])
            try connection.execute(
                "INSERT INTO windows VALUES ('fraud', '3.2.1', 3600000, 7200000, 10, 1, x'0102', 1)")
        }
        let store = try Store(path: path)
        #expect(try store.connection.userVersion() == Migrations.latestVersion)
        let window = try #require(try store.window(model: key.model, version: key.version, start: key.startMs))
        #expect(window.profile == [1, 2])
        #expect(window.joined == nil)
        #expect(window.labelRevision == 0)
    }

    @Test func pendingRowsAreKeptOncePerIdModelAndVersion() throws {
        let store = try Store(path: ":memory:")
        let key = StoreFixtures.key()
        var batch = WindowBatch(windows: [StoreFixtures.window(key)])
        batch.pendingPredictions = [
            Self.pending("a", key, at: key.startMs + 5), Self.pending("b", key, at: key.startMs + 9),
        ]
        try store.commit(batch)
        #expect(try store.pendingCount(.pending) == 2)
        #expect(try store.watermarks() == ["fraud": key.startMs + 9])
        // An id already stored is kept as it is (a replayed line adds nothing).
        var again = WindowBatch()
        again.pendingPredictions = [Self.pending("a", key, at: key.startMs + 1, score: 0.1)]
        try store.commit(again)
        #expect(try store.pendingPredictions(id: "a").map(\.score) == [0.7])
        // A prediction may land before its window (the aggregator flushes ahead of the commit).
        try store.commit(WindowBatch(pendingPredictions: [Self.pending("c", StoreFixtures.key(start: 0), at: 0)]))
        #expect(try store.pendingPredictions(id: "c").map(\.windowStartMs) == [0])
        #expect(try store.windowLabels(StoreFixtures.key(start: 0)) == nil)
    }

    /// The running counts of `pending_counts` against the rows counted one by one.
    static func expectCountsMatchRows(
        _ store: Store, _ expected: [Int], sourceLocation: SourceLocation = #_sourceLocation
    )
        throws
    {
        let states: [PendingPrediction.State] = [.pending, .labelled, .expired]
        #expect(try states.map { try store.pendingCount($0) } == expected, sourceLocation: sourceLocation)
        #expect(try states.map { try store.pendingRowCount($0) } == expected, sourceLocation: sourceLocation)
    }

    @Test func unorderedBatchesKeepTheFirstRowOfAKeyAndCountEachRowOnce() throws {
        let store = try Store(path: ":memory:")
        let key = StoreFixtures.key()
        let other = StoreFixtures.key("fraud", "3.2.2")
        // Out of key order, "m" twice for one version (the first, score 0.1, wins) and once for another.
        try store.commit(
            WindowBatch(pendingPredictions: [
                Self.pending("z", key, at: key.startMs + 1), Self.pending("m", key, at: key.startMs + 2, score: 0.1),
                Self.pending("a", key, at: key.startMs + 3), Self.pending("m", key, at: key.startMs + 4, score: 0.2),
                Self.pending("m", other, at: key.startMs + 5, score: 0.3),
            ]))
        #expect(try store.pendingPredictions(id: "m").map(\.score) == [0.1, 0.3])
        #expect(try store.pendingPredictions(id: "m", version: "3.2.1").map(\.eventMs) == [key.startMs + 2])
        #expect(try store.watermarks() == ["fraud": key.startMs + 5])
        try Self.expectCountsMatchRows(store, [4, 0, 0])
        // Replaying the batch adds nothing; labelling one moves it between counts, twice is once.
        try store.commit(
            WindowBatch(pendingPredictions: [Self.pending("a", key, at: 0), Self.pending("z", key, at: 0)]))
        let a = try #require(try store.pendingPredictions(id: "a").first)
        try store.setState(.labelled, of: a)
        try store.setState(.labelled, of: a)
        try store.setState(.expired, of: Self.pending("absent", key, at: 0))
        try Self.expectCountsMatchRows(store, [3, 1, 0])
        // Keys are ordered by their UTF-8 bytes, as SQLite compares them (not by Swift's `<`, which
        // equates canonically equivalent strings): "e" + U+0301 is 65 CC 81, "é" is C3 A9.
        func compare(_ a: String, _ b: String) -> Int {
            Array(a.utf8).withUnsafeBytes { x in Array(b.utf8).withUnsafeBytes { PendingPredictionRows.compare(x, $0) }
            }
        }
        #expect(compare("e\u{301}", "\u{E9}") < 0 && compare("\u{E9}", "e\u{301}") > 0)
        #expect(compare("ab", "abc") < 0 && compare("abc", "abc") == 0)
        let ordered = PendingPredictionRows([Self.pending("a", key, at: 0), Self.pending("b", key, at: 0)])
        #expect(ordered.insertionOrder() == nil)
    }

    @Test func limitsKeepTheCountsEqualToTheRows() throws {
        let store = try Store(path: ":memory:")
        let keys = (0..<4).map { StoreFixtures.key(start: Int64($0) * Self.hour) }
        var batch = WindowBatch(windows: keys.map { StoreFixtures.window($0) })
        for (hour, key) in keys.enumerated() {
            for i in 0..<5 {
                batch.pendingPredictions.append(Self.pending("\(hour)-\(i)", key, at: key.startMs + Int64(i)))
            }
        }
        try store.commit(batch)
        try store.setState(.labelled, of: Self.pending("3-4", keys[3], at: 0))
        try Self.expectCountsMatchRows(store, [19, 1, 0])
        // Nothing due (the oldest is 3h + 4 ms old, max age 4h, 20 ≤ 100): nothing changes.
        try store.enforce(PendingLimits(maximumPending: 100, maximumAgeMs: 4 * Self.hour))
        try Self.expectCountsMatchRows(store, [19, 1, 0])
        // Watermark 3h + 4 ms, max age 2h + 4 ms: hour 0 (5 rows) expires.
        try store.enforce(PendingLimits(maximumPending: 100, maximumAgeMs: 2 * Self.hour + 4))
        try Self.expectCountsMatchRows(store, [14, 1, 5])
        // At most 6 pending: 8 evicted (hour 1, 2-0 … 2-2). Then 14 tombstones: the 8 oldest (hour 0,
        // 1-0 … 1-2) are purged, 6 kept (1-3 … 2-2 expired, 3-4 labelled).
        try store.enforce(PendingLimits(maximumPending: 6, maximumAgeMs: 2 * Self.hour + 4))
        #expect(try Self.counts(store) == ["fraud/expired": 5, "fraud/evicted": 8])
        #expect(try store.pendingPredictions(id: "2-3").first?.state == .pending)
        #expect(try store.pendingPredictions(id: "2-1").first?.state == .expired)
        #expect(try store.pendingPredictions(id: "2-0").first?.state == .expired)
        #expect(try store.pendingPredictions(id: "1-3").first?.state == .expired)
        #expect(try store.pendingPredictions(id: "1-2").isEmpty)
        try Self.expectCountsMatchRows(store, [6, 1, 5])
        // Deleting the last window takes its four pending rows and its labelled one off the counts.
        try store.deleteWindows(model: "fraud", since: 3 * Self.hour)
        try Self.expectCountsMatchRows(store, [2, 0, 5])
    }

    @Test func ageExpiresCountExpiresAndTombstonesArePurged() throws {
        let store = try Store(path: ":memory:")
        let keys = (0..<4).map { StoreFixtures.key(start: Int64($0) * Self.hour) }
        var batch = WindowBatch(windows: keys.map { StoreFixtures.window($0) })
        for (hour, key) in keys.enumerated() {
            for i in 0..<3 {
                batch.pendingPredictions.append(Self.pending("\(hour)-\(i)", key, at: key.startMs + Int64(i)))
            }
        }
        try store.commit(batch)
        // Watermark 3h + 2 ms, max age 2h + 2 ms: hour 0 is older than 1h.
        try store.enforce(PendingLimits(maximumPending: 100, maximumAgeMs: 2 * Self.hour + 2))
        #expect(try Self.counts(store) == ["fraud/expired": 3])
        #expect(try store.pendingCount(.pending) == 9)
        #expect(try store.pendingPredictions(id: "0-0").first?.state == .expired)
        // At most 4 pending: the 5 oldest (hour 1 and two of hour 2) are evicted.
        try store.enforce(PendingLimits(maximumPending: 4, maximumAgeMs: 2 * Self.hour + 2))
        #expect(try Self.counts(store) == ["fraud/expired": 3, "fraud/evicted": 5])
        #expect(try store.pendingCount(.pending) == 4)
        #expect(try store.pendingPredictions(id: "2-2").first?.state == .pending)
        #expect(try store.pendingPredictions(id: "2-1").first?.state == .expired)
        // Tombstones beyond the count are purged, oldest first: 8 expired, 4 kept.
        #expect(try store.pendingCount(.expired) == 4)
        #expect(try store.pendingPredictions(id: "0-0").isEmpty)
        // Deleting a window deletes its pending predictions with it.
        try store.deleteWindows(model: "fraud", since: 3 * Self.hour)
        #expect(try store.pendingCount(.pending) == 1)
    }

    @Test func waitingLabelsAreMatchedOrDroppedAsUnknown() throws {
        let store = try Store(path: ":memory:")
        let key = StoreFixtures.key()
        for id in ["x", "y", "z"] {
            try store.insertWaitingLabel(
                WaitingLabel(id: id, model: nil, version: nil, label: 1, text: nil, eventMs: key.startMs))
        }
        try store.insertWaitingLabel(
            WaitingLabel(id: "x", model: "other", version: nil, label: 0, text: nil, eventMs: nil))
        var batch = WindowBatch(windows: [StoreFixtures.window(key)])
        batch.pendingPredictions = [Self.pending("x", key, at: key.startMs + 10 * Self.hour)]
        try store.commit(batch)
        // Only the label naming no model matches: the other names another model.
        #expect(try store.matchedWaitingLabels().map(\.id) == ["x"])
        // The watermark (start + 10h) minus 1h leaves every timed label too old; the untimed one stays.
        try store.enforce(PendingLimits(maximumPending: 10, maximumAgeMs: Self.hour))
        #expect(try store.waitingLabelCount() == 1)
        #expect(try Self.counts(store) == ["/unknown_id": 3])
        try store.enforce(PendingLimits(maximumPending: 0, maximumAgeMs: Self.hour))
        #expect(try store.waitingLabelCount() == 0)
        #expect(try Self.counts(store)["other/unknown_id"] == 1)
    }

    @Test func labelRevisionsSurviveIngestRewritingTheWindow() throws {
        let store = try Store(path: ":memory:")
        let key = StoreFixtures.key()
        try store.commit(WindowBatch(windows: [StoreFixtures.window(key)]))
        #expect(try store.reviseWindowLabels(key, joined: [9, 9], labels: 3, at: 50) == 1)
        #expect(try store.reviseWindowLabels(key, joined: [9, 9, 9], labels: 2, at: 60) == 2)
        #expect(try store.reviseWindowLabels(StoreFixtures.key(start: 0), joined: [1], labels: 1, at: 1) == nil)
        // The ingest path rewrites the profile; the joined labels and the revision stay.
        try store.commit(WindowBatch(windows: [StoreFixtures.window(key, rows: 20, marker: 8)]))
        let window = try #require(try store.window(model: key.model, version: key.version, start: key.startMs))
        #expect(window.rows == 20)
        #expect(window.joined == [9, 9, 9])
        #expect(window.labelRevision == 2)
        #expect(
            try store.windowRevisions(key) == [
                WindowRevision(revision: 1, labels: 3, revisedMs: 50),
                WindowRevision(revision: 2, labels: 2, revisedMs: 60),
            ])
        #expect(try store.firstWindowStart(model: key.model, version: key.version) == key.startMs)
        #expect(try store.firstWindowStart(model: key.model, version: "9") == nil)
    }
}
