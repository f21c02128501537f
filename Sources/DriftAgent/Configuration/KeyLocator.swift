/// Finds the line on which a TOML key is defined, so errors about values can name it.
///
/// TOMLKit reports positions for syntax errors only; this line-based scan of the same text maps
/// each fully qualified key (`models.fraud.window`) and table header (`models.fraud`) to its
/// 1-based line. It understands table headers, dotted and quoted keys, and skips comments and
/// multi-line strings well enough for the files this tool reads.
struct KeyLocator {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var table: [String] = []
        var lineNumber = 0
        var inMultiline = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.trimmingSpaces()
            if inMultiline {
                if line.contains("\"\"\"") || line.contains("'''") { inMultiline = false }
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let inner = line.drop { $0 == "[" }.prefix { $0 != "]" }
                table = KeyLocator.parts(of: Substring(inner))
                record(table, lineNumber)
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = KeyLocator.parts(of: line[..<equals])
            record(table + key, lineNumber)
            let value = line[line.index(after: equals)...]
            if value.components(countOf: "\"\"\"") == 1 || value.components(countOf: "'''") == 1 { inMultiline = true }
        }
    }

    /// The line of `keyPath` (dot-joined), if found.
    func line(of keyPath: [String]) -> Int? {
        var path = keyPath
        while !path.isEmpty {
            if let line = lines[path.joined(separator: ".")] { return line }
            path.removeLast()
        }
        return nil
    }

    private mutating func record(_ path: [String], _ line: Int) {
        let key = path.joined(separator: ".")
        if lines[key] == nil { lines[key] = line }
    }

    private static func parts(of key: Substring) -> [String] {
        key.split(separator: ".").map { part in
            var text = part.trimmingSpaces()
            if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
                text = text.dropFirst().dropLast()
            }
            return String(text)
        }
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        var text = self
        while let first = text.first, isSpace(first) { text = text.dropFirst() }
        while let last = text.last, isSpace(last) { text = text.dropLast() }
        return text
    }

    fileprivate func components(countOf needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let range = rest.firstRange(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
