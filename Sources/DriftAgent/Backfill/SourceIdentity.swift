import DriftCore
import DriftStore

#if canImport(Glibc)
    import Glibc
#endif

/// How a source file is recognised across runs, renames and compression: by its content.
///
/// The fingerprint hashes the first ``fingerprintBytes`` bytes of the (decompressed) content and
/// records how many bytes it hashed, so a file first seen shorter keeps its identity as it grows:
/// a file at the same path, or with the same device and inode, whose first N bytes still hash to
/// the recorded value is the same file. A log and its `.gz` copy share a fingerprint.
enum SourceIdentity {
    /// Leading bytes hashed into a fingerprint.
    static let fingerprintBytes = 4_096
    /// Shortest recorded prefix that identifies a file at another path and inode.
    static let minimumMovedPrefix = 64
    /// Bytes before the saved offset hashed into the tail hash (guards truncate-and-rewrite).
    static let tailHashBytes = 64

    /// `"<count>:<hash>"` of `head`.
    static func fingerprint(_ head: ArraySlice<UInt8>) -> String {
        let hash = head.withUnsafeBytes { StableHash.hash(bytes: $0) }
        return "\(head.count):\(String(hash, radix: 16))"
    }

    /// Whether `fingerprint` is that of the first bytes of `head` (however many it hashed).
    static func isPrefix(_ fingerprint: String, of head: [UInt8]) -> Bool {
        guard let colon = fingerprint.firstIndex(of: ":"), let length = Int(fingerprint[..<colon]),
            length > 0, length <= head.count
        else { return false }
        return Self.fingerprint(head[..<length]) == fingerprint
    }

    /// The stored record of the source whose first bytes are `head`: an exact fingerprint match,
    /// else a file recorded when it was shorter (same path or same device and inode).
    static func lookup(
        head: [UInt8], path: String, device: UInt64, inode: UInt64, store: Store
    ) throws -> IngestFileRecord? {
        if let exact = try store.ingestFile(fingerprint: fingerprint(head[...])) { return exact }
        guard !head.isEmpty else { return nil }
        for record in try store.ingestFiles() {
            guard let colon = record.fingerprint.firstIndex(of: ":"),
                let length = Int(record.fingerprint[..<colon]), length > 0, length < head.count
            else { continue }
            // Short prefixes identify only at the same path or inode; longer ones (a renamed or
            // compressed copy of a file first seen small) anywhere.
            let samePlace = record.path == path || (record.device == device && record.inode == inode && inode != 0)
            guard samePlace || length >= minimumMovedPrefix else { continue }
            if fingerprint(head[..<length]) == record.fingerprint { return record }
        }
        return nil
    }

    /// The hash of up to ``tailHashBytes`` bytes of `descriptor` before `offset`; 0 at offset 0.
    static func tailHash(descriptor: Int32, offset: Int64) -> UInt64? {
        guard offset > 0 else { return 0 }
        let count = Int(min(offset, Int64(tailHashBytes)))
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes {
            pread(descriptor, $0.baseAddress, count, off_t(offset) - off_t(count))
        }
        guard got == count else { return nil }
        return bytes.withUnsafeBytes { StableHash.hash(bytes: $0) } | 1  // never 0: 0 means "not checked"
    }
}
