import Synchronization

/// The object keys of recent lines, so that a key repeated in the same place costs one byte comparison.
///
/// Lines from one producer spell the same keys in the same order. The cache keeps a *template*:
/// the keys of a recent line in document order, each as its raw bytes plus the closing quote (and
/// the `:` when it followed at once), with the trie node of the object holding it and the trie
/// child the key leads to. The scanner compares the bytes after an opening quote with the template
/// entry at the cursor (and, should a key be absent from this line, with the next few entries).
/// Equal bytes through the closing quote are the same string: the entry was validated when it was
/// first scanned, and string validation depends on nothing but those bytes. So a hit skips the
/// string scan, the trie lookup (and the colon) and changes no result. Anything else is scanned
/// as usual.
///
/// The template stays while a line's keys are a subsequence of it (absent optional members cost
/// nothing); a line with a key the template does not have becomes the new template, recorded from
/// its first such key on. Bad lines never change it. The remembered bytes are bounded: past
/// ``byteLimit`` the cache starts over.
struct JSONKeyCache: Sendable {
    /// One remembered key.
    struct Entry: Sendable {
        /// Where the key's bytes start in ``bytes`` (in the line while ``pending``).
        var offset: Int
        /// The key's raw length plus one (the closing quote), plus one more with ``colon``.
        var length: Int32
        /// The trie node of the object holding the key (-1: none).
        var node: Int32
        /// The trie child the key leads to (-1: none).
        var child: Int32
        /// Whether the raw key has backslash escapes.
        var hasEscapes: Bool
        /// Whether the `:` right after the closing quote is part of the remembered bytes.
        var colon: Bool
        /// Whether ``offset`` still points into the line being scanned.
        var pending: Bool
    }

    /// The remembered bytes stop growing here: the next line starts a new cache.
    static let byteLimit = 1 << 16
    /// How many template entries past the cursor a key is compared with (absent members).
    static let window = 4
    /// The most keys remembered from one line.
    static let entryLimit = 4096
    /// Zero bytes kept after the last entry, so an 8-byte load at any entry stays inside ``bytes``.
    static let padding = 8

    /// Numbers the templates of every cache in the process (0: none yet).
    private static let generations = Atomic<UInt64>(0)

    /// Names the current ``template``: a new number from ``generations`` whenever it changes.
    var generation: UInt64 = 0
    /// The ``generation`` the line being (or last) scanned was matched against.
    var scannedGeneration: UInt64 = 0
    /// The scanner whose trie the nodes and children belong to.
    var owner: JSONScanner.Identity?
    /// The template, in document order.
    var template: [Entry] = []
    /// This line's progress through the template (lent to the parser while it runs).
    var progress = Progress()

    /// Where the line being scanned stands against the template.
    struct Progress: Sendable {
        /// The template entry the next key is expected to match.
        var cursor = 0
        /// Whether ``next`` is being recorded.
        var recording = false
        /// The next template, once this line has a key the template lacks.
        var next: [Entry] = []
        /// Template entries passed over in this line while not recording (absent members).
        var skipped: [Int] = []
        /// Whether an entry of ``next`` still points into the line.
        var hasPending = false

        /// Records a hit of `template[index]` (the cursor or up to ``window`` entries past it);
        /// `template` is the cache's template, lent out for the line.
        @inline(__always)
        mutating func hit(_ index: Int, in template: UnsafeBufferPointer<Entry>) {
            if recording {
                if next.count < JSONKeyCache.entryLimit { next.append(template[index]) }
            } else if index != cursor {
                skipped.append(contentsOf: cursor..<index)
            }
            cursor = index &+ 1
        }

        /// Records a key the template does not have; `offset` is where its bytes start in the line.
        mutating func miss(
            offset: Int, length: Int, node: Int, child: Int, hasEscapes: Bool, colon: Bool,
            template: UnsafeBufferPointer<Entry>
        ) {
            if !recording {
                recording = true
                next.removeAll(keepingCapacity: true)
                // The keys of this line so far: the template up to the cursor, less what was skipped.
                var skip = skipped.makeIterator()
                var nextSkip = skip.next()
                for index in 0..<min(cursor, template.count) {
                    if index == nextSkip {
                        nextSkip = skip.next()
                    } else {
                        next.append(template[index])
                    }
                }
            }
            guard next.count < JSONKeyCache.entryLimit, let length = Int32(exactly: length),
                let node = Int32(exactly: node), let child = Int32(exactly: child)
            else { return }
            next.append(
                Entry(
                    offset: offset, length: length, node: node, child: child, hasEscapes: hasEscapes, colon: colon,
                    pending: true))
            hasPending = true
        }
    }

    /// Starts a line; starts over for a new scanner or when the remembered bytes are full.
    mutating func beginLine(owner scanner: JSONScanner.Identity, bytes: inout [UInt8]) {
        progress.cursor = 0
        progress.recording = false
        if owner !== scanner || bytes.count > Self.byteLimit || bytes.count < Self.padding {
            owner = scanner
            template.removeAll(keepingCapacity: true)
            bytes.removeAll(keepingCapacity: true)
            bytes.append(contentsOf: repeatElement(0, count: Self.padding))
            renumber()
        }
        scannedGeneration = generation
    }

    /// Gives the (changed) template a number no template had before.
    private mutating func renumber() {
        generation = Self.generations.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// Ends a line: after a good one that had keys the template lacks, its keys become the
    /// template, pending ones copied out of `line` into `bytes`.
    mutating func endLine(ok: Bool, line: UnsafePointer<UInt8>, bytes: inout [UInt8]) {
        if !progress.skipped.isEmpty { progress.skipped.removeAll(keepingCapacity: true) }
        guard progress.recording else { return }
        progress.recording = false
        if ok {
            if progress.hasPending {
                bytes.removeLast(Self.padding)
                for index in progress.next.indices where progress.next[index].pending {
                    let entry = progress.next[index]
                    progress.next[index].offset = bytes.count
                    progress.next[index].pending = false
                    bytes.append(contentsOf: UnsafeBufferPointer(start: line + entry.offset, count: Int(entry.length)))
                }
                bytes.append(contentsOf: repeatElement(0, count: Self.padding))
            }
            swap(&template, &progress.next)
            renumber()
        }
        progress.hasPending = false
        progress.next.removeAll(keepingCapacity: true)
    }
}
