import DriftCore
import Testing

@testable import DriftStore

/// Random batches applied to a real store and to a dictionary model must leave the same state;
/// a batch with one broken row, at a random place, must leave the state it found.
struct StoreModelTests {
    typealias F = StoreFixtures

    /// What the store should hold, computed with plain dictionaries.
    private struct Model {
        var windows: [StoredWindowKey: StoredWindow] = [:]
        var badLines: [StoredWindowKey: [String: Int64]] = [:]
        var scores: [StoredWindowKey: [StoredScore]] = [:]
        var files: [String: IngestFileRecord] = [:]
        var fileBadLines: [String: [String: Int64]] = [:]

        mutating func apply(_ batch: WindowBatch) {
            for window in batch.windows { windows[window.key] = window }
            for count in batch.windowBadLines {
                badLines[count.key, default: [:]][count.reason, default: 0] += count.count
            }
            for (key, rows) in batch.scores { scores[key] = rows }
            for file in batch.ingestFiles { files[file.fingerprint] = file }
            for count in batch.ingestBadLines {
                fileBadLines[count.fingerprint, default: [:]][count.reason, default: 0] += count.count
            }
        }
    }

    private struct BatchMaker {
        var rng: SplitMix64
        let keys = (0..<6).map { F.key($0 < 3 ? "fraud" : "churn", "1", start: Int64($0 % 3) * 3_600_000) }
        let reasons = ["bad_json", "missing_ts", "wrong_type"]

        mutating func bytes() -> [UInt8] {
            (0..<Int(rng.next() % 40)).map { _ in UInt8(truncatingIfNeeded: rng.next() % 4) }
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        mutating func count(_ upTo: UInt64) -> Int { Int(rng.next() % (upTo + 1)) }

        /// A batch that only refers to windows and files it writes itself or that `model` holds.
        mutating func batch(model: Model) -> WindowBatch {
            var batch = WindowBatch()
            for _ in 0..<count(3) {
                let key = pick(keys)
                batch.windows.append(
                    StoredWindow(
                        key: key, endMs: key.startMs + 3_600_000, rows: Int64(count(1000)), lateRows: Int64(count(5)),
                        profile: bytes(), updatedMs: Int64(rng.next() >> 1)))
            }
            let known = Array(model.windows.keys) + batch.windows.map(\.key)
            if !known.isEmpty {
                for _ in 0..<count(3) {
                    batch.windowBadLines.append(
                        WindowBadLineCount(key: pick(known), reason: pick(reasons), count: Int64(count(9))))
                }
                for _ in 0..<count(2) {
                    let rows = (0..<count(3)).map { F.score("f\($0)", value: Double(count(100)) / 100) }
                    batch.scores[pick(known)] = rows
                }
            }
            for _ in 0..<count(2) {
                batch.ingestFiles.append(F.file("fp\(count(3))", offset: Int64(count(10_000))))
            }
            let files = Array(model.files.keys) + batch.ingestFiles.map(\.fingerprint)
            if !files.isEmpty {
                for _ in 0..<count(3) {
                    batch.ingestBadLines.append(
                        IngestBadLineCount(fingerprint: pick(files), reason: pick(reasons), count: Int64(count(9))))
                }
            }
            return batch
        }

        /// Breaks one randomly chosen part of `batch` so that its write fails.
        mutating func broken(_ batch: WindowBatch) -> WindowBatch {
            var batch = batch
            let orphan = F.key("nobody", "0", start: 0)
            switch count(3) {
            case 0:
                batch.windows.insert(
                    StoredWindow(key: orphan, endMs: 0, rows: 0, lateRows: 0, profile: [], updatedMs: 0),
                    at: count(UInt64(batch.windows.count)))
            case 1:
                batch.windowBadLines.insert(
                    WindowBadLineCount(key: orphan, reason: "r", count: 1),
                    at: count(UInt64(batch.windowBadLines.count)))
            case 2: batch.scores[orphan] = [F.score("x")]
            default:
                batch.ingestBadLines.insert(
                    IngestBadLineCount(fingerprint: "missing", reason: "r", count: 1),
                    at: count(UInt64(batch.ingestBadLines.count)))
            }
            return batch
        }
    }

    @Test func randomBatchesMatchTheModel() throws {
        for seed: UInt64 in 1...40 {
            let store = try Store(path: ":memory:")
            var model = Model()
            var maker = BatchMaker(rng: SplitMix64(seed: seed))
            for step in 0..<12 {
                let batch = maker.batch(model: model)
                if maker.count(3) == 0 {
                    #expect(throws: StoreError.self, "seed \(seed) step \(step)") {
                        try store.commit(maker.broken(batch))
                    }
                } else {
                    try store.commit(batch)
                    model.apply(batch)
                }
                try expectEqual(store, model, "seed \(seed) step \(step)")
            }
        }
    }

    private func expectEqual(_ store: Store, _ model: Model, _ context: String) throws {
        let expected = model.windows.values.sorted {
            ($0.key.model, $0.key.version, $0.key.startMs) < ($1.key.model, $1.key.version, $1.key.startMs)
        }
        #expect(try store.windows() == expected, "\(context)")
        for key in model.windows.keys {
            let badLines = try store.badLines(model: key.model, version: key.version, start: key.startMs)
            let expectedBad = (model.badLines[key] ?? [:]).sorted { $0.key < $1.key }
                .map { WindowBadLineCount(key: key, reason: $0.key, count: $0.value) }
            #expect(badLines == expectedBad, "\(context) bad lines \(key)")
            let scores = try store.scores(model: key.model, version: key.version, start: key.startMs)
            let expectedScores = (model.scores[key] ?? []).sorted { ($0.feature, $0.test) < ($1.feature, $1.test) }
            #expect(scores == expectedScores, "\(context) scores \(key)")
        }
        #expect(try store.ingestFiles() == model.files.values.sorted { $0.fingerprint < $1.fingerprint }, "\(context)")
        for fingerprint in model.files.keys {
            let expectedBad = (model.fileBadLines[fingerprint] ?? [:]).sorted { $0.key < $1.key }
                .map { IngestBadLineCount(fingerprint: fingerprint, reason: $0.key, count: $0.value) }
            #expect(try store.ingestBadLines(fingerprint: fingerprint) == expectedBad, "\(context) \(fingerprint)")
        }
    }
}
