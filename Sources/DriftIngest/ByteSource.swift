#if canImport(Glibc)
    import Glibc
#endif

/// The bytes of one input — a file path or `-` for standard input — decompressed if it is gzip.
///
/// Gzip is recognised by its magic bytes `1f 8b`, not by the file name, and may hold several
/// concatenated members. Reads are large (``defaultReadSize``) into one reused buffer, and each
/// ``read(_:)`` hands out the bytes it got without copying them for plain files.
/// A class because it owns a file descriptor and buffers.
public final class ByteSource {
    /// The default size of one `read(2)`: 1 MiB.
    public static let defaultReadSize = 1 << 20

    /// The path as given; `-` means standard input.
    public let path: String
    /// Whether the input is gzip (decided by its first two bytes).
    public let isGzip: Bool
    /// Bytes of the underlying file consumed so far (the compressed offset for gzip), for progress.
    public private(set) var compressedOffset: Int64 = 0

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let buffer: UnsafeMutableRawBufferPointer
    private var sniffed: Int
    private var isFinished = false
    private let decoder: GzipDecoder?

    /// Opens `path` (or standard input for `-`) and reads its first bytes to detect gzip.
    ///
    /// - Parameters:
    ///   - path: a file path, or `-` for standard input.
    ///   - readSize: the size of each `read(2)`, and of each block of decompressed output.
    /// - Throws: ``IngestError`` if the path cannot be opened, is a directory or cannot be read.
    public init(path: String, readSize: Int = ByteSource.defaultReadSize) throws(IngestError) {
        self.path = path
        if path == "-" {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
        } else {
            descriptor = try Self.open(path)
            ownsDescriptor = true
        }
        buffer = .allocate(byteCount: max(readSize, 64), alignment: 16)
        var count = 0
        do {
            // Read until two bytes are known (a pipe may deliver one byte at a time) or end of input.
            while count < 2 {
                let got = try Self.read(
                    descriptor, into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]), path)
                if got == 0 { break }
                count += got
            }
        } catch {
            if ownsDescriptor { close(descriptor) }
            buffer.deallocate()
            throw error
        }
        sniffed = count
        isGzip = count >= 2 && buffer[0] == 0x1f && buffer[1] == 0x8b
        var decoder: GzipDecoder? = nil
        if isGzip {
            do { decoder = try GzipDecoder(outputCapacity: buffer.count) } catch {
                if ownsDescriptor { close(descriptor) }
                buffer.deallocate()
                throw .corruptGzip(path: path, compressedOffset: 0, detail: error.message)
            }
        }
        self.decoder = decoder
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
        buffer.deallocate()
    }

    /// Reads the next block and hands its (decompressed) bytes to `body`, possibly in several pieces.
    ///
    /// The bytes passed to `body` are valid only during the call.
    /// - Returns: `false` at end of input (and on every call after it or after an error).
    /// - Throws: ``IngestError`` on a read error, or ``IngestError/corruptGzip(path:compressedOffset:detail:)``
    ///   when the gzip data is damaged or ends inside a member; the bytes before the damage have
    ///   already been handed to `body`.
    /// - Complexity: O(``defaultReadSize``) per call.
    public func read(_ body: (UnsafeRawBufferPointer) -> Void) throws(IngestError) -> Bool {
        if isFinished { return false }
        var count = sniffed
        sniffed = 0
        if count == 0 {
            do { count = try Self.read(descriptor, into: buffer, path) } catch {
                isFinished = true
                throw error
            }
        }
        let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
        guard let decoder else {
            if count == 0 { isFinished = true }
            compressedOffset += Int64(count)
            if count > 0 { body(chunk) }
            return count > 0
        }
        if count == 0 {
            isFinished = true
            if decoder.isInsideMember {
                throw .corruptGzip(path: path, compressedOffset: compressedOffset, detail: "truncated stream")
            }
            return false
        }
        do {
            try decoder.decode(chunk, body)
        } catch {
            isFinished = true
            compressedOffset += Int64(error.consumed)
            throw .corruptGzip(path: path, compressedOffset: compressedOffset, detail: error.message)
        }
        compressedOffset += Int64(count)
        return true
    }

    private static func open(_ path: String) throws(IngestError) -> Int32 {
        var descriptor: Int32
        repeat { descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC) } while descriptor < 0 && errno == EINTR
        if descriptor < 0 { throw IngestError.from(errno: errno, path: path) }
        var info = stat()
        if fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw .isADirectory(path: path)
        }
        return descriptor
    }

    private static func read(
        _ descriptor: Int32, into target: UnsafeMutableRawBufferPointer, _ path: String
    ) throws(IngestError) -> Int {
        while true {
            let got = Glibc.read(descriptor, target.baseAddress, target.count)
            if got >= 0 { return got }
            if errno != EINTR { throw IngestError.from(errno: errno, path: path) }
        }
    }
}
