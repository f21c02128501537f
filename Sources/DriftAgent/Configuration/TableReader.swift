import DriftCore
import DriftIngest
import TOMLKit

/// Typed, strict access to one TOML table, with errors that name the file, line and key path.
struct TableReader {
    let table: TOMLTable
    let keyPath: [String]
    let file: String
    let locator: KeyLocator

    var keys: [String] { table.keys }

    func requireKnown(_ known: [String]) throws(ConfigError) {
        for key in table.keys.sorted() where !known.contains(key) {
            let full = keyPath + [key]
            throw .unknownKey(
                path: file, key: full.joined(separator: "."), line: locator.line(of: full),
                suggestion: TableReader.closest(to: key, in: known))
        }
    }

    func table(_ key: String) throws(ConfigError) -> TableReader? {
        guard let value = table[key] else { return nil }
        guard let child = value.table else { throw wrongType(key, expected: "a table", value: value) }
        return TableReader(table: child, keyPath: keyPath + [key], file: file, locator: locator)
    }

    func string(_ key: String) throws(ConfigError) -> String? {
        guard let value = table[key] else { return nil }
        guard let string = value.string else { throw wrongType(key, expected: "a string", value: value) }
        return string
    }

    func path(_ key: String) throws(ConfigError) -> String? {
        guard let string = try string(key) else { return nil }
        let parts = string.split(separator: ".", omittingEmptySubsequences: false)
        guard !string.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else {
            throw invalid(key, expected: "a dotted JSON path like \"features.amount\"", found: "\"\(string)\"")
        }
        return string
    }

    func int(_ key: String, range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let value = table[key] else { return nil }
        guard let int = value.int else { throw wrongType(key, expected: "an integer", value: value) }
        guard range.contains(int) else {
            throw invalid(key, expected: "an integer in \(range.lowerBound)...\(range.upperBound)", found: "\(int)")
        }
        return int
    }

    func double(_ key: String, range: ClosedRange<Double>) throws(ConfigError) -> Double? {
        guard let value = table[key] else { return nil }
        guard let double = value.double ?? value.int.map({ Double($0) }) else {
            throw wrongType(key, expected: "a number", value: value)
        }
        guard double.isFinite, range.contains(double) else {
            throw invalid(key, expected: "a number in \(range.lowerBound)...\(range.upperBound)", found: "\(double)")
        }
        return double
    }

    func stringArray(_ key: String) throws(ConfigError) -> [String]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw wrongType(key, expected: "an array of strings", value: value) }
        var strings: [String] = []
        for element in array {
            guard let string = element.string, !string.isEmpty else {
                throw wrongType(key, expected: "an array of non-empty strings", value: element)
            }
            strings.append(string)
        }
        return strings
    }

    func duration(_ key: String, allowZero: Bool = false) throws(ConfigError) -> Int64? {
        guard let text = try string(key) else { return nil }
        guard let ms = Timestamp.parseDurationMilliseconds(text), ms > 0 || (allowZero && ms == 0) else {
            throw invalid(key, expected: "a duration like \"15m\", \"1h\", \"1d\" or \"2h30m\"", found: "\"\(text)\"")
        }
        return ms
    }

    /// An array of positive durations (`["24h", "7d"]`), each kept with its text as its label.
    func durations(_ key: String) throws(ConfigError) -> [ReportBuilder.HorizonLength]? {
        guard let texts = try stringArray(key) else { return nil }
        var lengths: [ReportBuilder.HorizonLength] = []
        for (index, text) in texts.enumerated() {
            guard let ms = Timestamp.parseDurationMilliseconds(text), ms > 0 else {
                throw invalid(
                    key, expected: "positive durations like \"24h\" or \"7d\" (element \(index + 1) is not one)",
                    found: "\"\(text)\"")
            }
            lengths.append(ReportBuilder.HorizonLength(label: text, milliseconds: ms))
        }
        return lengths
    }

    func statistic(_ key: String, kind: FeatureKind?) throws(ConfigError) -> DriftTest? {
        guard let name = try string(key) else { return nil }
        let candidates = DriftTest.allCases.filter { test in kind.map { test.kinds.contains($0) } ?? true }
        guard let test = candidates.first(where: { $0.rawValue == name }) else {
            let names = candidates.map(\.rawValue).joined(separator: ", ")
            throw invalid(key, expected: "one of \(names)", found: "\"\(name)\"")
        }
        return test
    }

    func invalid(_ key: String, expected: String, found: String) -> ConfigError {
        let full = keyPath + [key]
        return .invalidValue(
            path: file, key: full.joined(separator: "."), line: locator.line(of: full), expected: expected,
            found: found)
    }

    private func wrongType(_ key: String, expected: String, value: any TOMLValueConvertible) -> ConfigError {
        let full = keyPath + [key]
        return .wrongType(
            path: file, key: full.joined(separator: "."), line: locator.line(of: full), expected: expected,
            found: "\(value.type) \(value.debugDescription)")
    }

    /// The known key nearest to `key` by edit distance, when it is close enough to be a typo.
    static func closest(to key: String, in known: [String]) -> String? {
        let scored = known.map { ($0, editDistance(Array(key), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, key.count / 3) else { return nil }
        return best.0
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
