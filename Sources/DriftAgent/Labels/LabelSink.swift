import DriftCore
import DriftIngest

/// One line of a labels log: `{"id": …, "label": …}`, optionally with `"ts"` (and `"model"`,
/// `"version"` to narrow the join), at the configured field paths.
struct DelayedLabel: Equatable {
    /// The label's value.
    enum Value: Equatable {
        /// A number, or a boolean as 0/1.
        case number(Double)
        /// A class.
        case text(String)
    }

    var id: String
    var model: String?
    var version: String?
    var value: Value
    /// The label's own event time, when the line had one.
    var eventMs: Int64?
}

/// Reads labels-log lines into ``DelayedLabel``s for the ``LabelJoiner`` (through the same
/// exactly-once file reader as prediction logs).
struct LabelSink: LineSink {
    private static let idSlot = 0
    private static let labelSlot = 1
    private static let timestampSlot = 2
    private static let modelSlot = 3
    private static let versionSlot = 4

    let configuration: Configuration
    let scanner: JSONScanner
    var fields: JSONFields
    /// Labels read since the last commit.
    var labels: [DelayedLabel] = []

    init(configuration: Configuration) throws(ConfigError) {
        self.configuration = configuration
        var paths: [FieldPath] = []
        let f = configuration.fields
        for (key, dotted) in [
            ("id", f.id), ("label", f.label), ("timestamp", f.timestamp), ("model", f.model), ("version", f.version),
        ] {
            guard let path = FieldPath(dotted) else {
                throw .invalidValue(
                    path: "configuration", key: "fields.\(key)", line: nil, expected: "a dotted JSON path",
                    found: dotted
                )
            }
            paths.append(path)
        }
        scanner = JSONScanner(fields: paths)
        fields = scanner.makeFields()
    }

    var maximumLineBytes: Int { configuration.maximumLineBytes }

    mutating func startSource() {}

    mutating func attributeBadLine(reason: String) {}

    /// Reads one label line; `missing_field` without an id or a label, `wrong_type` for an id or
    /// label of the wrong JSON type, `bad_timestamp` for an unreadable `ts`.
    mutating func process(_ line: UnsafeRawBufferPointer) throws -> LineOutcome {
        if case .bad(let reason) = scanner.scan(line, into: &fields) { return .bad(reason.label) }
        let values = fields.values
        let id: String
        switch values[Self.idSlot] {
        case .string(let ref): id = ref.string(in: line)
        case .number(let number): id = JSONWriter.format(number)
        case .missing, .null: return .bad(BadLineReason.missingField.label)
        default: return .bad(BadLineReason.wrongType.label)
        }
        let value: DelayedLabel.Value
        switch values[Self.labelSlot] {
        case .number(let number): value = .number(number)
        case .bool(let flag): value = .number(flag ? 1 : 0)
        case .string(let ref): value = .text(ref.string(in: line))
        case .missing, .null: return .bad(BadLineReason.missingField.label)
        default: return .bad(BadLineReason.wrongType.label)
        }
        var eventMs: Int64?
        switch values[Self.timestampSlot] {
        case .missing, .null: break
        case let stamp:
            guard let parsed = Timestamp.milliseconds(from: stamp, in: line) else {
                return .bad(BadLineReason.badTimestamp.label)
            }
            eventMs = parsed
        }
        var model: String?
        if case .string(let ref) = values[Self.modelSlot] {
            model = ref.string(in: line)
            if let model, !configuration.accepts(model: model) { return .bad("unknown_model") }
        }
        var version: String?
        switch values[Self.versionSlot] {
        case .string(let ref): version = ref.string(in: line)
        case .number(let number): version = JSONWriter.format(number)
        default: break
        }
        labels.append(DelayedLabel(id: id, model: model, version: version, value: value, eventMs: eventMs))
        return .counted
    }
}
