import DriftCore
import DriftIngest
import DriftStore

extension WindowAggregator {
    /// Finds (or creates) the stream of the line's model and version; nil when the line is refused.
    mutating func stream(for line: UnsafeRawBufferPointer, _ values: [JSONValue]) throws -> Int? {
        let modelValue = values[LineLayout.modelSlot]
        let versionValue = values[LineLayout.versionSlot]
        if lastStream >= 0, fixedStream != nil || sameBytes(modelValue, versionValue, line) { return lastStream }
        if let fixedStream { return try streamIndex(for: fixedStream) }
        let model: String
        switch modelValue {
        case .string(let ref): model = ref.string(in: line)
        case .missing, .null:
            if configuration.models.count == 1 {
                model = configuration.models[0].name
            } else if configuration.models.isEmpty {
                model = "default"
            } else {
                lastRejection = BadLineReason.missingField.label
                return nil
            }
        default:
            lastRejection = BadLineReason.wrongType.label
            return nil
        }
        guard configuration.accepts(model: model) else {
            lastRejection = "unknown_model"
            return nil
        }
        let version: String
        switch versionValue {
        case .string(let ref): version = ref.string(in: line)
        case .number(let number): version = JSONWriter.format(number)
        default: version = ""
        }
        let index = try streamIndex(for: StreamKey(model: model, version: version))
        rememberBytes(modelValue, versionValue, line, stream: index)
        return index
    }

    /// The index of the stream `key`, created (with its baseline loaded) on first use.
    private mutating func streamIndex(for key: StreamKey) throws -> Int {
        if let existing = streamIndex[key] { return existing }
        let index = streams.count
        let settings = configuration.model(named: key.model)
        let baseline = try Self.loadBaseline(store: store, key: key)
        streams.append(StreamState(key: key, model: settings, baseline: baseline, listed: layout.listed[settings.name]))
        streamIndex[key] = index
        lastStream = index
        return index
    }

    /// The stored baseline for the stream's version, else the model's current one.
    static func loadBaseline(store: Store, key: StreamKey) throws -> Profile? {
        let stored =
            try store.baseline(model: key.model, version: key.version) ?? store.currentBaseline(model: key.model)
        guard let stored else { return nil }
        do {
            return try Profile(decoding: stored.profile)
        } catch {
            throw AgentError.corruptBaseline(model: key.model, version: stored.version, reason: error)
        }
    }

    private mutating func rememberBytes(
        _ model: JSONValue, _ version: JSONValue, _ line: UnsafeRawBufferPointer, stream: Int
    ) {
        lastStreamBytes.removeAll(keepingCapacity: true)
        Self.appendIdentity(model, line, to: &lastStreamBytes)
        Self.appendIdentity(version, line, to: &lastStreamBytes)
        lastStream = stream
    }

    private func sameBytes(_ model: JSONValue, _ version: JSONValue, _ line: UnsafeRawBufferPointer) -> Bool {
        var probe: [UInt8] = []
        probe.reserveCapacity(lastStreamBytes.count)
        Self.appendIdentity(model, line, to: &probe)
        Self.appendIdentity(version, line, to: &probe)
        return probe == lastStreamBytes
    }

    /// Appends a tagged encoding of a model/version value (raw bytes for strings).
    private static func appendIdentity(_ value: JSONValue, _ line: UnsafeRawBufferPointer, to bytes: inout [UInt8]) {
        switch value {
        case .string(let ref):
            bytes.append(ref.hasEscapes ? 2 : 1)
            bytes.append(contentsOf: ref.rawBytes(in: line))
            bytes.append(0)
        case .number(let number):
            bytes.append(3)
            withUnsafeBytes(of: number.bitPattern) { bytes.append(contentsOf: $0) }
        case .missing, .null: bytes.append(4)
        default: bytes.append(5)
        }
    }
}
