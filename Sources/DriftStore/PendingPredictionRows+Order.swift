#if canImport(Glibc)
    import Glibc
#endif

extension PendingPredictionRows {
    /// The order to insert the rows in: by key index, then by id compared byte by byte as SQLite
    /// does, ties by position; `nil` when the rows are already in that order (one model version
    /// and sequential request ids: the usual case, checked in one pass).
    ///
    /// Within one model version this is the table's key order, so consecutive inserts land on the
    /// same or the next B-tree page. Rows with the same key (equal bytes: ``key(model:version:)``
    /// keeps keys distinct by bytes) keep their order, so the first one of a batch wins.
    ///
    /// Each id's first 16 bytes are read once into two big-endian integers, so most comparisons
    /// are integer comparisons; only ids sharing those bytes are compared in full.
    /// - Complexity: O(n log n) to order, O(n) when already in order.
    func insertionOrder() -> [Int]? {
        guard rows.count > 1 else { return nil }
        return bytes.withUnsafeBytes { arena -> [Int]? in
            let prefixes = rows.map { row -> (UInt64, UInt64) in
                var words: (UInt64, UInt64) = (0, 0)  // zero-padded, read as big-endian
                let count = min(Int(row.idCount), 16)
                if count > 0, let base = arena.baseAddress {
                    withUnsafeMutableBytes(of: &words) { raw in
                        raw.baseAddress?.copyMemory(from: base + row.start, byteCount: count)
                    }
                }
                return (UInt64(bigEndian: words.0), UInt64(bigEndian: words.1))
            }
            func precedes(_ a: Int, _ b: Int) -> Bool {
                let x = rows[a]
                let y = rows[b]
                if x.key != y.key { return x.key < y.key }
                if prefixes[a] != prefixes[b] { return prefixes[a] < prefixes[b] }
                let order = Self.compare(
                    UnsafeRawBufferPointer(rebasing: arena[x.idRange]),
                    UnsafeRawBufferPointer(rebasing: arena[y.idRange]))
                return order == 0 ? a < b : order < 0
            }
            guard (1..<rows.count).contains(where: { precedes($0, $0 - 1) }) else { return nil }
            return rows.indices.sorted(by: precedes)
        }
    }

    /// `memcmp` order of two byte strings (SQLite's BINARY collation): negative, 0, positive.
    static func compare(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int {
        let common = min(x.count, y.count)
        if common > 0, let p = x.baseAddress, let q = y.baseAddress {
            let order = memcmp(p, q, common)
            if order != 0 { return Int(order) }
        }
        return x.count - y.count
    }
}
