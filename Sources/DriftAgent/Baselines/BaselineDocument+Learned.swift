import DriftCore
import DriftIngest

/// The optional `learned_thresholds` member of a baseline document (docs/STATISTICS.md, "Learned
/// thresholds"). Documents written before it existed have no such member and read as `nil`.
extension BaselineDocument {
    /// The `method` text written with thresholds learned from a training file's row chunks.
    static let learnedMethod =
        "mean + sigmas * std of each statistic between consecutive row chunks of the baseline and the whole baseline"
    /// The `method` text written with thresholds learned from stored windows (each window a chunk).
    static let learnedWindowsMethod =
        "mean + sigmas * std of each statistic between each stored window of the baseline and the whole baseline"

    private static let entryKeys = ["mean", "std", "chunks", "threshold"]

    /// Writes the `learned_thresholds` member (nothing when `learned` is nil); `fromWindows` when
    /// the chunks were stored windows.
    static func writeLearned(_ learned: LearnedThresholds?, fromWindows: Bool = false, into json: inout JSONWriter) {
        guard let learned else { return }
        json.object("learned_thresholds") { json in
            json.member("method", fromWindows ? learnedWindowsMethod : learnedMethod)
            json.member("chunks", learned.chunks)
            json.member("chunk_rows", learned.chunkRows)
            json.member("chunk_rows_median", learned.medianChunkRows)
            json.member("sigmas", learned.sigmas)
            json.member("floor", LearnedThresholds.floor)
            json.member("note", learned.note)
            json.object("features") { json in
                for name in learned.entries.keys.sorted() {
                    guard let tests = learned.entries[name] else { continue }
                    json.object(name) { json in
                        for test in DriftTest.allCases {
                            guard let entry = tests[test] else { continue }
                            json.object(test.rawValue) { json in
                                json.member("mean", entry.mean)
                                json.member("std", entry.standardDeviation)
                                json.member("chunks", entry.chunks)
                                json.member("threshold", entry.threshold)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Reads the `learned_thresholds` member of a document, `nil` when it has none (or it is `null`).
    /// - Throws: ``AgentError/badBaselineFile(path:reason:)`` naming the key that is wrong.
    static func parseLearned(_ bytes: [UInt8], path: String) throws -> LearnedThresholds? {
        let names = ["learned_thresholds", "chunks", "chunk_rows", "sigmas", "note", "chunk_rows_median"]
        let paths = ["learned_thresholds"] + names.dropFirst().map { "learned_thresholds.\($0)" }
        let scanner = JSONScanner(
            fields: paths.compactMap { FieldPath($0) },
            members: [FieldPath("learned_thresholds.features")]
                .compactMap { $0 })
        var fields = scanner.makeFields()
        return try bytes.withUnsafeBytes { line throws -> LearnedThresholds? in
            if case .bad(let reason) = scanner.scan(line, into: &fields) {
                throw AgentError.badBaselineFile(path: path, reason: "not valid JSON: \(reason)")
            }
            switch fields.values[0] {
            case .missing, .null: return nil
            case .object: break
            default: throw AgentError.badBaselineFile(path: path, reason: "'learned_thresholds' must be an object")
            }
            func bad(_ key: String, _ expected: String) -> AgentError {
                .badBaselineFile(path: path, reason: "'learned_thresholds.\(key)' must be \(expected)")
            }
            func count(_ index: Int) throws -> Int {
                guard case .number(let value) = fields.values[index], let whole = Int(exactly: value), whole >= 0 else {
                    throw bad(names[index], "a whole number >= 0")
                }
                return whole
            }
            guard case .number(let sigmas) = fields.values[3], sigmas.isFinite, sigmas > 0 else {
                throw bad("sigmas", "a number > 0")
            }
            var note: String?
            switch fields.values[4] {
            case .string(let ref): note = ref.string(in: line)
            case .missing, .null: note = nil
            default: throw bad("note", "a string or null")
            }
            var entries: [String: [DriftTest: LearnedThresholds.Entry]] = [:]
            for member in fields.members {
                let name = member.key.string(in: line)
                guard case .object(let range) = member.value else { throw bad("features.\(name)", "an object") }
                entries[name] = try tests(UnsafeRawBufferPointer(rebasing: line[range]), feature: name, path: path)
            }
            let chunkRows = try count(2)
            let median = fields.values[5] == .missing ? chunkRows : try count(5)  // absent before it existed
            return LearnedThresholds(
                chunks: try count(1), chunkRows: chunkRows, medianChunkRows: median, sigmas: sigmas, note: note,
                entries: entries)
        }
    }

    private static func tests(_ object: UnsafeRawBufferPointer, feature: String, path: String) throws
        -> [DriftTest: LearnedThresholds.Entry]
    {
        let scanner = JSONScanner(fields: DriftTest.allCases.compactMap { FieldPath($0.rawValue) })
        var fields = scanner.makeFields()
        _ = scanner.scan(object, into: &fields)  // already validated as part of the whole document
        var entries: [DriftTest: LearnedThresholds.Entry] = [:]
        for (index, test) in DriftTest.allCases.enumerated() {
            let key = "learned_thresholds.features.\(feature).\(test.rawValue)"
            switch fields.values[index] {
            case .missing: continue
            case .object(let range):
                entries[test] = try entry(UnsafeRawBufferPointer(rebasing: object[range]), key: key, path: path)
            default:
                throw AgentError.badBaselineFile(path: path, reason: "'\(key)' must be an object")
            }
        }
        return entries
    }

    private static func entry(_ object: UnsafeRawBufferPointer, key: String, path: String) throws
        -> LearnedThresholds.Entry
    {
        let scanner = JSONScanner(fields: entryKeys.compactMap { FieldPath($0) })
        var fields = scanner.makeFields()
        _ = scanner.scan(object, into: &fields)
        var numbers: [Double] = []
        for (index, name) in entryKeys.enumerated() {
            guard case .number(let value) = fields.values[index], value.isFinite else {
                throw AgentError.badBaselineFile(path: path, reason: "'\(key).\(name)' must be a finite number")
            }
            numbers.append(value)
        }
        guard let chunks = Int(exactly: numbers[2]), chunks > 0 else {
            throw AgentError.badBaselineFile(path: path, reason: "'\(key).chunks' must be a whole number > 0")
        }
        return LearnedThresholds.Entry(
            mean: numbers[0], standardDeviation: numbers[1], chunks: chunks, threshold: numbers[3])
    }
}
