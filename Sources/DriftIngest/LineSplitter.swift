#if canImport(Glibc)
    import Glibc
#endif

/// Cuts a stream of byte chunks into lines, carrying a partial line from one chunk to the next.
///
/// A line ends at `\n`; one trailing `\r` is stripped (CRLF files). A line that does not end
/// before the stream does is delivered by ``finish(_:)``. A line longer than
/// ``Configuration/maximumLineLength`` is delivered once with ``Line/isTooLong`` set and only its
/// first bytes, and is never buffered whole: the splitter skips to the next newline.
/// Lines that fit in one chunk are handed out in place; only the tail of a chunk is copied.
///
/// Invariant: the carried bytes never exceed `maximumLineLength + 1` (room for a stripped `\r`).
public struct LineSplitter: Sendable {
    /// Limits applied to every line.
    public struct Configuration: Sendable {
        /// The longest line, in bytes without its `\n` and stripped `\r`, delivered in full.
        public var maximumLineLength: Int

        /// Creates a configuration; the default cap is 1 MiB.
        public init(maximumLineLength: Int = 1 << 20) {
            self.maximumLineLength = max(0, maximumLineLength)
        }
    }

    /// One line handed to the caller; its bytes are valid only during the callback.
    public struct Line {
        /// The line without `\n` and trailing `\r`; for a too-long line, its first `maximumLineLength` bytes.
        public var bytes: UnsafeRawBufferPointer
        /// The 1-based line number in the stream.
        public var number: Int
        /// The byte offset of the line's first byte in the (decompressed) stream.
        public var offset: Int64
        /// The full length of the line without `\n` and trailing `\r`.
        public var length: Int

        /// Whether the line exceeds the cap (then ``bytes`` holds only its beginning).
        public var isTooLong: Bool { length > bytes.count }
    }

    /// The limits in force.
    public let configuration: Configuration
    /// How many lines have been delivered (too-long ones included).
    public private(set) var lineCount = 0
    /// How many bytes have been fed.
    public private(set) var streamOffset: Int64 = 0

    private var carry: [UInt8] = []
    /// Bytes of the current partial line seen so far (may exceed `carry.count` once over the cap).
    private var pendingLength = 0
    /// Whether the last byte of the current partial line is `\r`.
    private var pendingEndsWithCR = false

    /// Creates a splitter at the start of a stream.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The offset of the first byte of the line in progress (or of the next line).
    public var pendingLineOffset: Int64 { streamOffset - Int64(pendingLength) }

    /// Splits `chunk`, calling `body` for every line it completes.
    ///
    /// - Complexity: O(`chunk.count`); allocation-free once the carry buffer has grown to its need.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (Line) -> Void) {
        guard let base = chunk.baseAddress else { return }
        let count = chunk.count
        var start = 0
        while start < count {
            guard let hit = memchr(base + start, 0x0A, count - start) else {
                append(UnsafeRawBufferPointer(rebasing: chunk[start..<count]))
                break
            }
            let end = UnsafeRawPointer(hit) - base
            let lineOffset = streamOffset + Int64(start) - Int64(pendingLength)
            if pendingLength == 0 {
                let endsWithCR = end > start && chunk[end - 1] == 0x0D
                let line = UnsafeRawBufferPointer(rebasing: chunk[start..<end])
                lineCount += 1
                emit(line, rawLength: end - start, endsWithCR: endsWithCR, at: lineOffset, body)
            } else {
                append(UnsafeRawBufferPointer(rebasing: chunk[start..<end]))
                emitCarry(at: lineOffset, body)
            }
            start = end + 1
        }
        streamOffset += Int64(count)
    }

    /// Delivers the last line if the stream did not end with a newline, so the splitter is ready for more input.
    public mutating func finish(_ body: (Line) -> Void) {
        if pendingLength > 0 { emitCarry(at: pendingLineOffset, body) }
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let last = bytes.last else { return }
        let room = configuration.maximumLineLength + 1 - carry.count
        if room > 0 { carry.append(contentsOf: bytes.prefix(room)) }
        pendingLength += bytes.count
        pendingEndsWithCR = last == 0x0D
    }

    private mutating func emitCarry(at offset: Int64, _ body: (Line) -> Void) {
        let length = pendingLength
        let endsWithCR = pendingEndsWithCR
        lineCount += 1
        carry.withUnsafeBytes { emit($0, rawLength: length, endsWithCR: endsWithCR, at: offset, body) }
        carry.removeAll(keepingCapacity: true)
        pendingLength = 0
        pendingEndsWithCR = false
    }

    /// Delivers one line: `bytes` holds its beginning (all of it unless over the cap).
    private func emit(
        _ bytes: UnsafeRawBufferPointer, rawLength: Int, endsWithCR: Bool, at offset: Int64, _ body: (Line) -> Void
    ) {
        let length = endsWithCR ? rawLength - 1 : rawLength
        let visible = min(bytes.count, length, configuration.maximumLineLength)
        let kept = UnsafeRawBufferPointer(rebasing: bytes[0..<visible])
        body(Line(bytes: kept, number: lineCount, offset: offset, length: length))
    }
}
