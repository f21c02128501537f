/// A strict reader of the Prometheus text exposition format 0.0.4, the oracle for `/metrics`:
/// `# HELP` / `# TYPE` comments, then samples `name{label="value",…} value`.
struct Exposition {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct FormatError: Error, CustomStringConvertible {
        var line: String
        var description: String { "not exposition format: \(line)" }
    }

    var samples: [Sample] = []
    var types: [String: String] = [:]
    var help: [String: String] = [:]

    init(_ text: String) throws {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ")
                guard parts.count == 2 else { throw FormatError(line: line) }
                types[String(parts[0])] = String(parts[1])
            } else if line.hasPrefix("# HELP ") {
                let rest = line.dropFirst(7)
                guard let space = rest.firstIndex(of: " ") else { throw FormatError(line: line) }
                help[String(rest[..<space])] = String(rest[rest.index(after: space)...])
            } else if line.hasPrefix("#") {
                continue
            } else {
                samples.append(try Self.sample(line))
            }
        }
    }

    /// The value of the sample `name` with exactly `labels`, if present.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    private static func sample(_ line: String) throws -> Sample {
        let characters = Array(line)
        var index = 0
        var name = ""
        while index < characters.count,
            characters[index].isLetter || characters[index].isNumber
                || characters[index] == "_" || characters[index] == ":"
        {
            name.append(characters[index])
            index += 1
        }
        guard !name.isEmpty, name.first?.isNumber == false else { throw FormatError(line: line) }
        var labels: [String: String] = [:]
        if index < characters.count, characters[index] == "{" {
            index += 1
            while index < characters.count, characters[index] != "}" {
                var key = ""
                while index < characters.count, characters[index] != "=" {
                    key.append(characters[index])
                    index += 1
                }
                index += 1
                guard index < characters.count, characters[index] == "\"" else { throw FormatError(line: line) }
                index += 1
                var value = ""
                while index < characters.count, characters[index] != "\"" {
                    if characters[index] == "\\", index + 1 < characters.count {
                        index += 1
                        value.append(characters[index] == "n" ? "\n" : characters[index])
                    } else {
                        value.append(characters[index])
                    }
                    index += 1
                }
                index += 1
                labels[key] = value
                if index < characters.count, characters[index] == "," { index += 1 }
            }
            guard index < characters.count else { throw FormatError(line: line) }
            index += 1
        }
        guard index < characters.count, characters[index] == " " else { throw FormatError(line: line) }
        let rest = String(characters[(index + 1)...]).split(separator: " ")
        guard let first = rest.first, let value = Double(first) else { throw FormatError(line: line) }
        return Sample(name: name, labels: labels, value: value)
    }
}
