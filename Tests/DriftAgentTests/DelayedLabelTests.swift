import DriftAgent
import DriftCore
import DriftStore
import DriftTestSupport
import Testing

/// Delayed labels through `Backfill`: out of order, before their prediction, unknown ids,
/// duplicates, after expiry; the oracle is the same log with its labels inline.
struct DelayedLabelTests {
    static let hour: Int64 = 3_600_000
    static let t0: Int64 = 1_793_836_800_000  // 2026-11-05T00:00:00Z

    /// 180 predictions one a minute over three hours: id, score (3 decimals) and a label drawn with P(y = 1) = score.
    static func rows(seed: UInt64 = 5) -> [(time: Int64, id: String, score: Double, label: Int)] {
        var sampler = Sampler(seed: seed)
        return (0..<180).map { i in
            let score = (sampler.uniform() * 1000).rounded(.down) / 1000
            return (t0 + Int64(i) * 60_000, "r\(i)", score, sampler.uniform() < score ? 1 : 0)
        }
    }

    static func prediction(
        _ row: (time: Int64, id: String, score: Double, label: Int), version: String = "1", inline: Bool = false
    ) -> String {
        let label = inline ? ",\"label\":\(row.label)" : ""
        return "{\"ts\":\(row.time),\"model\":\"m\",\"version\":\"\(version)\",\"id\":\"\(row.id)\","
            + "\"features\":{\"x\":\(row.score)},\"prediction\":\(row.score)\(label)}"
    }

    static func label(_ id: String, _ value: Int, ts: Int64? = nil) -> String {
        "{\"id\":\"\(id)\",\"label\":\(value)" + (ts.map { ",\"ts\":\($0)" } ?? "") + "}"
    }

    static func run(
        _ store: Store, inputs: [String] = [], labels: [String] = [], configuration: Configuration = .zeroConfig
    ) throws -> [Backfill.FileReport] {
        var options = Backfill.Options(inputs: inputs)
        options.labels = labels
        options.commitEveryLines = 50  // several label batches per file
        return try Backfill(configuration: configuration, store: store, now: { 42 }).run(options)
    }

    static func counts(_ store: Store) throws -> [String: Int64] {
        Dictionary(try store.labelCounts().map { ($0.reason, $0.count) }, uniquingKeysWith: +)
    }

    /// The windows' performance with delayed labels equals the same log with inline labels.
    static func expectSameAsInline(_ store: Store, rows: [(time: Int64, id: String, score: Double, label: Int)]) throws
    {
        let inline = try Store(path: ":memory:")
        _ = try run(
            inline, inputs: [try BackfillTests.write(rows.map { prediction($0, inline: true) }, name: "inline")])
        let expected = try inline.windows()
        let found = try store.windows()
        try #require(found.count == expected.count)
        for (window, reference) in zip(found, expected) {
            let mine = try #require(try window.profileWithLabels().binary)
            let theirs = try #require(try Profile(decoding: reference.profile).binary)
            #expect(mine.count == theirs.count)
            #expect(
                [mine.truePositives, mine.falsePositives, mine.trueNegatives, mine.falseNegatives]
                    == [theirs.truePositives, theirs.falsePositives, theirs.trueNegatives, theirs.falseNegatives])
            #expect(mine.scoreHistogram == theirs.scoreHistogram)
            #expect(abs((mine.logLoss ?? 0) - (theirs.logLoss ?? 1)) < 1e-12)
            let label = try #require(try window.profileWithLabels().label)
            #expect(label.moments.count == mine.count)
        }
    }

    @Test func labelsInReverseOrderCreditTheWindowsOfTheirPredictions() throws {
        let rows = Self.rows()
        let store = try Store(path: ":memory:")
        _ = try Self.run(store, inputs: [try BackfillTests.write(rows.map { Self.prediction($0) }, name: "pred")])
        #expect(try store.pendingCount(.pending) == 180)
        #expect(try store.windows().allSatisfy { $0.joined == nil && $0.labelRevision == 0 })
        let labels = try BackfillTests.write(rows.reversed().map { Self.label($0.id, $0.label) }, name: "labels")
        let reports = try Self.run(store, labels: [labels])
        #expect(reports.count == 1)
        #expect(reports[0].labels?.joined == 180)
        #expect(try Self.counts(store) == ["joined": 180])
        #expect(try store.pendingCount(.pending) == 0)
        try Self.expectSameAsInline(store, rows: rows)
        // The log fits one read, so one batch: one revision of 60 labels per window.
        #expect(try store.windows().map { try store.windowRevisions($0.key).map(\.labels) } == [[60], [60], [60]])
        #expect(try store.windows().map(\.labelRevision) == [1, 1, 1])
        // Reading the labels log again adds nothing.
        let again = try Self.run(store, labels: [labels])
        #expect(again[0].alreadyIngested)
        #expect(try Self.counts(store) == ["joined": 180])
        try Self.expectSameAsInline(store, rows: rows)
    }

    @Test func labelsBeforeTheirPredictionsWaitAndJoinWhenTheyArrive() throws {
        let rows = Self.rows(seed: 9)
        let store = try Store(path: ":memory:")
        let labels = try BackfillTests.write(rows.map { Self.label($0.id, $0.label) }, name: "early")
        let early = try Self.run(store, labels: [labels])
        #expect(early[0].labels?.waiting == 180)
        #expect(try store.waitingLabelCount() == 180)
        _ = try Self.run(store, inputs: [try BackfillTests.write(rows.map { Self.prediction($0) }, name: "late-pred")])
        #expect(try store.waitingLabelCount() == 0)
        #expect(try Self.counts(store) == ["joined": 180, "out_of_order": 180])
        try Self.expectSameAsInline(store, rows: rows)
    }

    @Test func duplicatesAndUnknownIdsAreCountedAndChangeNothing() throws {
        let rows = Self.rows(seed: 13)
        let store = try Store(path: ":memory:")
        _ = try Self.run(store, inputs: [try BackfillTests.write(rows.map { Self.prediction($0) }, name: "pred")])
        var lines = rows.map { Self.label($0.id, $0.label) }
        lines += rows.prefix(7).map { Self.label($0.id, 1 - $0.label) }  // a second, different label: ignored
        let fortyDaysEarlier = Self.t0 - 40 * 24 * Self.hour
        lines += (0..<5).map { Self.label("nobody-\($0)", 1, ts: fortyDaysEarlier) }
        lines.append("{\"label\":1}")  // no id: a bad line of the labels log
        let reports = try Self.run(store, labels: [try BackfillTests.write(lines, name: "dup")])
        #expect(reports[0].labels?.joined == 180)
        #expect(reports[0].labels?.duplicate == 7)
        #expect(reports[0].labels?.waiting == 5)
        #expect(reports[0].badLines == ["missing_field": 1])
        // The five unknown labels are older than the newest prediction minus max_age (30 days).
        #expect(try store.waitingLabelCount() == 0)
        #expect(try Self.counts(store) == ["joined": 180, "duplicate": 7, "unknown_id": 5])
        try Self.expectSameAsInline(store, rows: rows)
    }

    @Test func labelsAfterExpiryAreCountedNotCredited() throws {
        let rows = Self.rows(seed: 17)
        var configuration = Configuration.zeroConfig
        configuration.labels.maximumAgeMilliseconds = Self.hour
        let store = try Store(path: ":memory:")
        _ = try Self.run(
            store, inputs: [try BackfillTests.write(rows.map { Self.prediction($0) }, name: "pred")],
            configuration: configuration)
        // The newest prediction is at 2:59; those before 1:59 expired (119 of them).
        #expect(try Self.counts(store) == ["expired": 119])
        #expect(try store.pendingCount(.pending) == 61)
        var lines = rows.map { Self.label($0.id, $0.label) }
        // A pending prediction whose label comes more than max_age after it, by the label's own ts.
        lines[179] = Self.label(rows[179].id, rows[179].label, ts: rows[179].time + Self.hour + 1)
        let reports = try Self.run(
            store, labels: [try BackfillTests.write(lines, name: "late")], configuration: configuration)
        // Tombstones live two max_ages: those before 0:59 (59) are gone, so their labels are
        // unknown and wait; 0:59–1:58 (60) and the late one at 2:59 are after expiry.
        #expect(reports[0].labels?.afterExpiry == 61)
        #expect(reports[0].labels?.waiting == 59)
        #expect(reports[0].labels?.joined == 60)
        #expect(try Self.counts(store) == ["expired": 119, "after_expiry": 61, "joined": 60])
        #expect(try store.waitingLabelCount() == 59)
        let windows = try store.windows()
        #expect(try windows.map { try $0.profileWithLabels().binary?.count ?? 0 } == [0, 1, 59])
    }

    @Test func aLabelForAnIdTwoVersionsScoredCreditsBoth() throws {
        let rows = Array(Self.rows(seed: 21).prefix(60))
        let store = try Store(path: ":memory:")
        let predictions =
            rows.map { Self.prediction($0, version: "1") } + rows.map { Self.prediction($0, version: "2") }
        _ = try Self.run(store, inputs: [try BackfillTests.write(predictions.sorted(), name: "shadow")])
        let reports = try Self.run(
            store, labels: [try BackfillTests.write(rows.map { Self.label($0.id, $0.label) }, name: "shadow-labels")])
        #expect(reports[0].labels?.joined == 120)
        let windows = try store.windows()
        #expect(windows.map(\.key.version) == ["1", "2"])
        let pooled = try windows.map { try #require(try $0.profileWithLabels().binary) }
        #expect(pooled[0].scoreHistogram == pooled[1].scoreHistogram)
        #expect(pooled[0].count == 60)
    }

    @Test func theFollowerLeavesAHalfWrittenLineForTheNextPoll() throws {
        let rows = Array(Self.rows(seed: 25).prefix(20))
        let store = try Store(path: ":memory:")
        _ = try Self.run(
            store, inputs: [try BackfillTests.write(rows.map { Self.prediction($0) }, name: "follow-pred")])
        let path = try BackfillTests.write(rows.prefix(10).map { Self.label($0.id, $0.label) }, name: "follow")
        let follower = LabelFollower(
            configuration: .zeroConfig, store: store, globs: [path, path + ".missing-*"], now: { 1 })
        #expect(try follower.poll().joined == 10)
        // Half of the 11th line, then the rest of it and the others.
        let eleventh = Self.label(rows[10].id, rows[10].label)
        var bytes = try FileBytes.read(path) + Array(eleventh.utf8.prefix(8))
        try FileBytes.write(bytes, to: path)
        #expect(try follower.poll() == LabelOutcome())
        bytes += Array(eleventh.utf8.dropFirst(8)) + Array("\n".utf8)
        bytes += Array((rows[11...].map { Self.label($0.id, $0.label) }.joined(separator: "\n") + "\n").utf8)
        try FileBytes.write(bytes, to: path)
        #expect(try follower.poll().joined == 10)
        #expect(try follower.poll() == LabelOutcome())
        #expect(try Self.counts(store) == ["joined": 20])
    }

    /// Regression (numbers) and multiclass (classes) labels are credited like binary ones: the
    /// accumulators equal those of the same lines with inline labels.
    @Test func regressionAndMulticlassLabelsMatchInlineLabels() throws {
        let classes = ["cat", "dog", "eel"]
        for kind in ["regression", "multiclass"] {
            var sampler = Sampler(seed: 31)
            var predictions: [String] = []
            var inline: [String] = []
            var labels: [String] = []
            for i in 0..<90 {
                let time = Self.t0 + Int64(i) * 60_000
                let (prediction, label): (String, String) =
                    kind == "regression"
                    ? ("\((sampler.uniform() * 100).rounded())", "\((sampler.uniform() * 100).rounded())")
                    : ("\"\(classes[sampler.int(below: 3)])\"", "\"\(classes[sampler.int(below: 3)])\"")
                let head =
                    "{\"ts\":\(time),\"model\":\"m\",\"version\":\"1\",\"id\":\"k\(i)\",\"prediction\":\(prediction)"
                predictions.append(head + "}")
                inline.append(head + ",\"label\":\(label)}")
                labels.append("{\"id\":\"k\(i)\",\"label\":\(label)}")
            }
            let store = try Store(path: ":memory:")
            _ = try Self.run(store, inputs: [try BackfillTests.write(predictions, name: "\(kind)-pred")])
            let reports = try Self.run(
                store, labels: [try BackfillTests.write(labels.reversed(), name: "\(kind)-labels")])
            #expect(reports[0].labels?.joined == 90, "\(kind)")
            let reference = try Store(path: ":memory:")
            _ = try Self.run(reference, inputs: [try BackfillTests.write(inline, name: "\(kind)-inline")])
            let found = try store.windows().map { try $0.profileWithLabels() }
            let expected = try reference.windows().map { try Profile(decoding: $0.profile) }
            try #require(found.count == 2 && expected.count == 2)
            for (mine, theirs) in zip(found, expected) {
                if kind == "regression" {
                    let (a, b) = (try #require(mine.regression), try #require(theirs.regression))
                    #expect(a.count == b.count && a.mae == b.mae && a.rmse == b.rmse, "\(kind)")
                    #expect(mine.binary == nil)
                } else {
                    let (a, b) = (try #require(mine.multiclass), try #require(theirs.multiclass))
                    #expect(a.count == b.count && a.accuracy == b.accuracy && a.macroF1 == b.macroF1, "\(kind)")
                }
            }
            let json = ReportRenderer.json(try ReportBuilder.build(store: store, configuration: .zeroConfig))
            #expect(json.contains("\"\(kind)\": {\n        \"labeled_rows\": 60"), "\(kind)")
        }
    }
}
