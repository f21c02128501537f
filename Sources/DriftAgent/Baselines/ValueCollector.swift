import DriftIngest

/// Collects the exact values of numeric features, for exact decile bin edges.
enum ValueCollector {
    /// The sorted finite values of each feature in `features` over `paths`; empty when more than
    /// `limit` values in all would be needed (the caller then uses sketch quantiles).
    static func collect(
        paths: [String], features: [String], configuration: ModelConfiguration, limit: Int
    ) throws -> [String: [Double]] {
        guard !features.isEmpty else { return [:] }
        let fieldPaths = features.compactMap { FieldPath("\(configuration.featureRoot).\($0)") }
        guard fieldPaths.count == features.count else { return [:] }
        let scanner = JSONScanner(fields: fieldPaths)
        var fields = scanner.makeFields()
        var values = Array(repeating: [Double](), count: features.count)
        var total = 0
        for path in paths {
            let source = try ByteSource(path: path)
            var splitter = LineSplitter()
            let handle = { (line: LineSplitter.Line) in
                guard total <= limit, !line.isTooLong, case .ok = scanner.scan(line.bytes, into: &fields) else {
                    return
                }
                for index in features.indices {
                    if case .number(let x) = fields.values[index], x.isFinite {
                        values[index].append(x)
                        total += 1
                    }
                }
            }
            while try source.read({ splitter.feed($0, handle) }) {}
            splitter.finish(handle)
            if total > limit { return [:] }
        }
        var result: [String: [Double]] = [:]
        for (index, name) in features.enumerated() where !values[index].isEmpty {
            result[name] = values[index].sorted()
        }
        return result
    }
}
