import DriftCore
import DriftIngest
import DriftStore

#if canImport(Glibc)
    import Glibc
#endif

extension WindowAggregator {
    /// Opens the window `key`, seeded with what the store already holds for it.
    mutating func open(_ key: WindowKey, stream s: Int) throws {
        var state = WindowState(features: streams[s].emptyFeatures())
        if let stored = try store.window(model: key.stream.model, version: key.stream.version, start: key.start) {
            let profile: Profile
            do {
                profile = try Profile(decoding: stored.profile)
            } catch {
                throw AgentError.corruptWindow(
                    model: key.stream.model, version: key.stream.version, start: key.start, reason: error)
            }
            state.rows = profile.rows
            for name in profile.featureNames {
                guard let summary = profile.features[name] else { continue }
                let slot = streams[s].slots[name] ?? streams[s].addFeature(name, kind: summary.kind)
                if state.features.count <= slot { state.features.append(streams[s].emptySummary(slot)) }
                if summary.kind == streams[s].kinds[slot] { state.features[slot] = summary }
            }
            state.prediction = profile.prediction
            state.label = profile.label
            state.binary = profile.binary
            state.regression = profile.regression
            state.multiclass = profile.multiclass
        }
        let index = streams[s].windows.count
        streams[s].windows.append(state)
        streams[s].starts.append(key.start)
        streams[s].openIndex[key.start] = index
        let closesAt = key.start + streams[s].model.windowMilliseconds + streams[s].model.latenessMilliseconds
        streams[s].nextClose = min(streams[s].nextClose, closesAt)
    }

    /// Moves every window whose end the watermark has passed (or all, with `all`) to the closed list.
    mutating func closeWindows(stream s: Int, all: Bool = false) {
        let length = streams[s].model.windowMilliseconds
        let lateness = streams[s].model.latenessMilliseconds
        let now = streams[s].maxEventTime
        var w = 0
        var nextClose = Int64.max
        while w < streams[s].windows.count {
            let start = streams[s].starts[w]
            let closesAt = start + length + lateness
            guard all || closesAt <= now else {
                nextClose = min(nextClose, closesAt)
                w += 1
                continue
            }
            streams[s].windows[w].flushCategories(interners: streams[s].interners)
            streams[s].windows[w].flushNumbers()
            let state = streams[s].windows[w]
            closedWindows.append(
                WindowSnapshot(
                    key: WindowKey(stream: streams[s].key, start: start), end: start + length,
                    profile: state.profile(names: streams[s].names), badLines: state.badLines, isClosed: true))
            streams[s].openIndex[start] = nil
            let last = streams[s].windows.count - 1
            if w != last {
                streams[s].windows.swapAt(w, last)
                streams[s].starts.swapAt(w, last)
                streams[s].openIndex[streams[s].starts[w]] = w
            }
            streams[s].windows.removeLast()
            streams[s].starts.removeLast()
        }
        streams[s].nextClose = nextClose
    }

    /// Counts a late line against its (closed) window when that window is stored.
    mutating func countLate(_ key: WindowKey) throws {
        if let index = closedWindows.firstIndex(where: { $0.key == key }) {
            closedWindows[index].badLines["late", default: 0] += 1
            return
        }
        if lateCounts[key] != nil || knownStored.contains(key) {
            lateCounts[key, default: 0] += 1
            return
        }
        if try store.window(model: key.stream.model, version: key.stream.version, start: key.start) != nil {
            knownStored.insert(key)
            lateCounts[key, default: 0] += 1
        }
    }

    /// Folds the scanned values of one line into window `w` of stream `s`.
    mutating func fold(_ line: UnsafeRawBufferPointer, _ values: [JSONValue], stream s: Int, window w: Int) {
        streams[s].windows[w].rows &+= 1  // 64-bit line counter
        streams[s].windows[w].isDirty = true
        if streams[s].valueSlots.isEmpty {
            foldMembers(line, stream: s, window: w)
        } else {
            Self.foldListed(line, values, stream: &streams[s], window: w)
        }
        foldOutcome(line, values, stream: s, window: w)
    }

    /// Zero-config: every member of the feature root is a feature; absent ones count as missing.
    private mutating func foldMembers(_ line: UnsafeRawBufferPointer, stream s: Int, window w: Int) {
        let group: Int
        if let known = streams[s].featureGroup {
            group = known
        } else {
            group = layout.rootGroups[streams[s].model.featureRoot] ?? 0
            streams[s].featureGroup = group
        }
        // The stream is passed inout: reading `streams[s].slots[…]` per member would copy the whole
        // StreamState (retaining each of its fields) 25 times a line.
        seenStamp &+= 1  // 64 bits: cannot wrap
        streams[s].memberCache.begin(generation: fields.keyGeneration)
        Self.foldMembers(
            line, members: fields.members, group: group, seen: &seen, stamp: seenStamp, stream: &streams[s], window: w)
    }

    /// Listed features: each slot reads its own scanned value.
    private static func foldListed(
        _ line: UnsafeRawBufferPointer, _ values: [JSONValue], stream: inout StreamState, window w: Int
    ) {
        var window = FoldTarget(taking: w, from: &stream)
        defer { window.putBack(w, into: &stream) }
        for slot in stream.valueSlots.indices {
            window.observe(values[stream.valueSlots[slot]], slot: slot, line)
        }
    }

    /// ``foldMembers(_:stream:window:)`` on one stream, accessed in place.
    private static func foldMembers(
        _ line: UnsafeRawBufferPointer, members: [JSONMember], group: Int, seen: inout [UInt64], stamp: UInt64,
        stream: inout StreamState, window w: Int
    ) {
        var window = FoldTarget(taking: w, from: &stream)
        defer { window.putBack(w, into: &stream) }
        // A member adds at most one slot: with room for all of them the marks never grow below,
        // so they are written through a buffer pointer (no copy-on-write check per member).
        let room = stream.names.count + members.count
        if seen.count < room { seen.append(contentsOf: repeatElement(0, count: room - seen.count)) }
        seen.withUnsafeMutableBufferPointer { seen in
            var position = 0
            var seenCount = 0
            for member in members where member.group == group {
                defer { position += 1 }
                let slot: Int
                if let matched = stream.memberCache.slot(templateIndex: member.keyIndex) {
                    slot = matched  // the scanner matched the key to a template entry seen before
                } else if let cached = stream.memberCache.slot(position: position, key: member.key, in: line) {
                    slot = cached
                    stream.memberCache.remember(slot: slot, templateIndex: member.keyIndex)
                } else {
                    let name = member.key.string(in: line)
                    if let known = stream.slots[name] {
                        slot = known
                    } else {
                        guard let kind = Self.kind(of: member.value) else { continue }
                        slot = stream.addFeature(name, kind: kind)  // grows the other open windows
                        window.features.append(stream.emptySummary(slot))
                        window.kinds = stream.kinds
                    }
                    stream.memberCache.remember(slot: slot, position: position, key: member.key, in: line)
                    stream.memberCache.remember(slot: slot, templateIndex: member.keyIndex)
                }
                guard seen[slot] != stamp else { continue }  // a duplicate key: the first occurrence counts
                seen[slot] = stamp
                seenCount &+= 1
                window.observe(member.value, slot: slot, line)
            }
            guard seenCount < window.features.count else { return }  // every feature present: none missing
            for slot in 0..<window.features.count where seen[slot] != stamp { window.features[slot].insertMissing() }
        }
    }

    /// The kind a first observation suggests for a feature the baseline does not name.
    private static func kind(of value: JSONValue) -> FeatureKind? {
        switch value {
        case .number: .numeric
        case .string, .bool: .categorical
        default: nil
        }
    }

}

extension FeatureSummary {
    /// Records one scanned value according to the feature's kind: numbers into a numeric feature;
    /// strings, numbers (as their JSON text) and Booleans into a categorical one; `null` or absent
    /// as missing; anything else as a type mismatch.
    mutating func observe(_ value: JSONValue, in line: UnsafeRawBufferPointer) {
        switch (kind, value) {
        case (_, .missing), (_, .null): insertMissing()
        case (.numeric, .number(let number)): insert(number: number)
        case (.categorical, .string(let ref)): insert(category: ref.string(in: line))
        case (.categorical, .number(let number)): insert(category: JSONWriter.format(number))
        case (.categorical, .bool(let flag)): insert(category: flag ? "true" : "false")
        default: insertTypeMismatch()
        }
    }
}
