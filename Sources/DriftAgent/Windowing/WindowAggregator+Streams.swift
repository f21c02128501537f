import DriftCore
import DriftIngest
import DriftStore

#if canImport(Glibc)
    import Glibc
#endif

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
        var state = StreamState(key: key, model: settings, baseline: baseline, listed: layout.listed[settings.name])
        if settings.usesLearnedThresholds { state.learned = try Self.loadLearned(store: store, key: key) }
        streams.append(state)
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

    /// The learned thresholds of the baseline ``loadBaseline(store:key:)`` returns, if it has any.
    static func loadLearned(store: Store, key: StreamKey) throws -> LearnedThresholds? {
        let stored =
            try store.baseline(model: key.model, version: key.version) ?? store.currentBaseline(model: key.model)
        guard let stored else { return nil }
        return try BaselineDocument.parseLearned(
            Array(stored.document.utf8), path: "the stored baseline of '\(key.model)' \(stored.version)")
    }

    private mutating func rememberBytes(
        _ model: JSONValue, _ version: JSONValue, _ line: UnsafeRawBufferPointer, stream: Int
    ) {
        lastStreamBytes.removeAll(keepingCapacity: true)
        Self.appendIdentity(model, line, to: &lastStreamBytes)
        Self.appendIdentity(version, line, to: &lastStreamBytes)
        lastStream = stream
    }

    /// Whether the line's model and version are the remembered ones: the tagged encoding of
    /// ``appendIdentity(_:_:to:)`` compared in place, without building it (no allocation per line).
    private func sameBytes(_ model: JSONValue, _ version: JSONValue, _ line: UnsafeRawBufferPointer) -> Bool {
        lastStreamBytes.withUnsafeBytes { stored in
            var offset = 0
            return Self.matchIdentity(model, line, stored, &offset)
                && Self.matchIdentity(version, line, stored, &offset) && offset == stored.count
        }
    }

    /// Whether `stored[offset...]` starts with the tagged encoding of `value`; advances `offset` past it.
    private static func matchIdentity(
        _ value: JSONValue, _ line: UnsafeRawBufferPointer, _ stored: UnsafeRawBufferPointer, _ offset: inout Int
    ) -> Bool {
        let tag: UInt8
        var payload = UnsafeRawBufferPointer(start: nil, count: 0)
        var number = 0.0
        var terminated = false
        switch value {
        case .string(let ref):
            tag = ref.hasEscapes ? 2 : 1
            payload = ref.rawBytes(in: line)
            terminated = true
        case .number(let x):
            tag = 3
            number = x
        case .missing, .null: tag = 4
        default: tag = 5
        }
        return withUnsafeBytes(of: number.bitPattern) { bits in
            if tag == 3 { payload = bits }
            let length = 1 + payload.count + (terminated ? 1 : 0)
            guard stored.count - offset >= length, stored[offset] == tag else { return false }
            if let source = payload.baseAddress, let base = stored.baseAddress,
                memcmp(base + offset + 1, source, payload.count) != 0
            {
                return false
            }
            if terminated, stored[offset + length - 1] != 0 { return false }
            offset += length
            return true
        }
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
