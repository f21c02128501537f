import DriftIngest

/// The raw key bytes and slot of the feature member at each position of an earlier line, and the
/// slot of each scanner key template entry.
///
/// The scanner reports which entry of its key template each member's key matched
/// (``JSONMember/keyIndex``, under ``JSONFields/keyGeneration``): equal entries mean equal raw
/// keys, so while the generation stays the slot is one array read (``slot(templateIndex:)``).
/// Slots never move, so an entry stays right for as long as its generation lives.
struct MemberKeyCache {
    var memberKeys: [[UInt8]] = []
    var memberSlots: [Int] = []
    /// The scanner template generation ``templateSlots`` belongs to.
    var generation: UInt64 = 0
    /// The slot of the member key matching each template entry (-1: not known yet).
    var templateSlots: [Int] = []

    /// Starts a line scanned against template `generation`; a new one forgets the entries' slots.
    @inline(__always)
    mutating func begin(generation: UInt64) {
        guard generation != self.generation else { return }
        self.generation = generation
        templateSlots.removeAll(keepingCapacity: true)
    }

    /// The slot of the key that matched template entry `index` (-1 if none), or nil if not known.
    @inline(__always)
    func slot(templateIndex index: Int32) -> Int? {
        let index = Int(index)
        guard index >= 0, index < templateSlots.count, case let slot = templateSlots[index], slot >= 0 else {
            return nil
        }
        return slot
    }

    /// Remembers `slot` for the key that matched template entry `index` (nothing for -1).
    mutating func remember(slot: Int, templateIndex index: Int32) {
        let index = Int(index)
        guard index >= 0 else { return }
        if templateSlots.count <= index {
            templateSlots.append(contentsOf: repeatElement(-1, count: index + 1 - templateSlots.count))
        }
        templateSlots[index] = slot
    }

    /// The slot cached for the member at `position` when its raw key bytes are the cached ones;
    /// on a miss the neighbouring positions are tried, so that a line missing one key (or
    /// having one extra) still matches the rest of the layout without a dictionary lookup.
    @inline(__always)
    func slot(position: Int, key: StringRef, in line: UnsafeRawBufferPointer) -> Int? {
        guard !key.hasEscapes, key.range.lowerBound >= 0, key.range.upperBound <= line.count else { return nil }
        let raw = UnsafeRawBufferPointer(rebasing: line[key.range])
        if cachedKey(at: position, equals: raw) { return memberSlots[position] }
        if cachedKey(at: position + 1, equals: raw) { return memberSlots[position + 1] }
        if cachedKey(at: position - 1, equals: raw) { return memberSlots[position - 1] }
        return nil
    }

    /// Whether the key cached at `position` (if any) has exactly the bytes `raw`.
    @inline(__always)
    private func cachedKey(at position: Int, equals raw: UnsafeRawBufferPointer) -> Bool {
        guard position >= 0, position < memberKeys.count else { return false }
        return memberKeys[position].withUnsafeBytes { cached in
            guard cached.count == raw.count else { return false }
            guard let a = cached.baseAddress, let b = raw.baseAddress else { return true }  // both empty
            return Self.equalBytes(a, b, raw.count)
        }
    }

    /// Whether `count` bytes at `a` and `b` are equal; eight at a time, the last word overlapping
    /// the one before it, and shorter keys by two overlapping loads of four, two or one bytes
    /// (keys are short, and a `memcmp` call or a byte loop costs more than the comparison).
    @inline(__always)
    static func equalBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        if count >= 8 {
            var offset = 0
            while count &- offset > 8 {
                if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                {
                    return false
                }
                offset &+= 8
            }
            let last = count &- 8
            return a.loadUnaligned(fromByteOffset: last, as: UInt64.self)
                == b.loadUnaligned(fromByteOffset: last, as: UInt64.self)
        }
        if count >= 4 {
            let last = count &- 4
            return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: last, as: UInt32.self)
                    == b.loadUnaligned(fromByteOffset: last, as: UInt32.self)
        }
        if count >= 2 {
            let last = count &- 2
            return a.loadUnaligned(as: UInt16.self) == b.loadUnaligned(as: UInt16.self)
                && a.loadUnaligned(fromByteOffset: last, as: UInt16.self)
                    == b.loadUnaligned(fromByteOffset: last, as: UInt16.self)
        }
        return count == 0 || a.load(as: UInt8.self) == b.load(as: UInt8.self)
    }

    /// Remembers `slot` for the member at `position` (keys with escapes are not cached).
    mutating func remember(slot: Int, position: Int, key: StringRef, in line: UnsafeRawBufferPointer) {
        guard !key.hasEscapes, position <= memberKeys.count else { return }
        let raw = key.rawBytes(in: line)
        if position == memberKeys.count {
            memberKeys.append(Array(raw))
            memberSlots.append(slot)
        } else {
            memberKeys[position].removeAll(keepingCapacity: true)
            memberKeys[position].append(contentsOf: raw)
            memberSlots[position] = slot
        }
    }
}
