#if canImport(Glibc)
    import Glibc
#endif

/// Turns a CSV training file with a header row into a temporary JSONL file of the default log line.
///
/// RFC 4180: comma-separated, fields optionally in double quotes (`""` is a quote inside them,
/// and quoted fields may span lines). Columns named like the configured `id`, `prediction`,
/// `label` and `version` fields go to those fields; every other column is a feature under the
/// model's feature root. An empty cell is missing; a cell that parses as a finite number is a
/// number; anything else is a string.
enum CSVConverter {
    /// Converts `path`; returns the temporary JSONL path (delete it with ``remove(_:)``).
    static func convert(path: String, configuration: Configuration, model: String) throws -> String {
        let bytes = try FileBytes.read(path)
        let rows = parse(bytes)
        guard let header = rows.first, !header.isEmpty else {
            throw AgentError.badBaselineFile(path: path, reason: "the CSV file has no header row")
        }
        let fields = configuration.fields
        let topLevel = [fields.id, fields.prediction, fields.label, fields.version, fields.timestamp, fields.model]
        let root = configuration.model(named: model).featureRoot
        var out = ""
        for (number, row) in rows.dropFirst().enumerated() where !(row.count == 1 && row[0].isEmpty) {
            guard row.count == header.count else {
                throw AgentError.badBaselineFile(
                    path: path, reason: "row \(number + 2) has \(row.count) fields, the header has \(header.count)")
            }
            var json = JSONWriter()
            var features = JSONWriter()
            features.object { features in
                for (column, cell) in zip(header, row) where !topLevel.contains(column) && !cell.isEmpty {
                    features.key(column)
                    write(cell, into: &features)
                }
            }
            json.object { json in
                for (column, cell) in zip(header, row) where topLevel.contains(column) && !cell.isEmpty {
                    json.key(column)
                    write(cell, into: &json)
                }
                json.member(root, raw: features.text)
            }
            out += json.text + "\n"
        }
        let temporary = "/tmp/driftwatch-csv-\(getpid())-\(abs(path.hashValue)).jsonl"
        try FileBytes.write(Array(out.utf8), to: temporary)
        return temporary
    }

    static func remove(_ path: String) { unlink(path) }

    private static func write(_ cell: String, into json: inout JSONWriter) {
        if let number = Double(cell), number.isFinite { json.value(number) } else { json.value(cell) }
    }

    /// Splits CSV bytes into rows of fields.
    static func parse(_ bytes: [UInt8]) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = 0
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): quoted = true
                case UInt8(ascii: ","): endField()
                case UInt8(ascii: "\r"): break
                case UInt8(ascii: "\n"):
                    endField()
                    rows.append(row)
                    row.removeAll()
                default: field.append(byte)
                }
            }
            index += 1
        }
        if !field.isEmpty || !row.isEmpty {
            endField()
            rows.append(row)
        }
        return rows
    }
}
