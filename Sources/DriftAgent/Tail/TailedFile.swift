import DriftIngest
import DriftStore

#if canImport(Glibc)
    import Glibc
#endif

/// One followed file: its open descriptor, identity, position and partial line.
///
/// A class because it owns a file descriptor: the file stays readable after it is renamed or
/// deleted, so rotation never loses the bytes written just before it.
final class TailedFile {
    /// Where the file stands relative to the watched paths.
    enum State: Equatable {
        /// At a watched path.
        case following
        /// Renamed away or replaced at its path since `wall` (epoch ms); read to its end, then released.
        case rotated(since: Int64)
        /// Unlinked; read to its end, then released.
        case deleted
    }

    let device: UInt64
    let inode: UInt64
    var path: String
    let descriptor: Int32
    var state = State.following
    /// The file offset the splitter started at (where this run resumed).
    var baseOffset: Int64
    var splitter: LineSplitter
    /// The stored identity and counters; nil until the file has bytes to fingerprint.
    var record: IngestFileRecord?
    var accounting: SourceAccounting
    /// Read since the last checkpoint.
    var isDirty = false
    /// Read to its end after rotation or deletion: released at the next checkpoint.
    var isReleasing = false
    /// The hash of the bytes just before ``readOffset`` after the last read (truncate-and-rewrite guard).
    var readTailHash: UInt64?
    /// The hash of the bytes just before ``committedOffset``, taken when they were read (the file
    /// may have been truncated and rewritten by the time a checkpoint records the offset).
    var committedTailHash: UInt64 = 0
    /// The accounting totals at the last checkpoint.
    var committed: (lines: Int64, bad: Int64) = (0, 0)
    /// Size at the last poll, and when it last changed (wall ms).
    var lastSize: Int64 = -1
    var lastChange: Int64

    init(path: String, descriptor: Int32, device: UInt64, inode: UInt64, maximumLineBytes: Int, wallNow: Int64) {
        self.path = path
        self.descriptor = descriptor
        self.device = device
        self.inode = inode
        self.baseOffset = 0
        self.splitter = LineSplitter(configuration: .init(maximumLineLength: maximumLineBytes))
        self.accounting = SourceAccounting(path: path)
        self.lastChange = wallNow
    }

    deinit { close(descriptor) }

    /// The offset of the first byte not yet part of a complete, processed line.
    var committedOffset: Int64 { baseOffset + splitter.pendingLineOffset }

    /// The offset of the next byte to read.
    var readOffset: Int64 { baseOffset + splitter.streamOffset }

    /// The file's current size (and link count), or nil if it cannot be read.
    func status() -> (size: Int64, links: UInt64)? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return (Int64(info.st_size), UInt64(info.st_nlink))
    }

    /// Restarts reading at `offset` with an empty partial line.
    func seek(to offset: Int64, maximumLineBytes: Int) {
        lseek(descriptor, off_t(offset), SEEK_SET)
        baseOffset = offset
        splitter = LineSplitter(configuration: .init(maximumLineLength: maximumLineBytes))
        accounting.lineNumberBase = record?.lines ?? 0
    }

    /// Up to `count` leading bytes of the file.
    func head(count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, 0) }
        return got > 0 ? Array(bytes[0..<got]) : []
    }
}
