/// Splits `rows` consecutive rows into `count` chunks of consecutive rows: chunk `i` holds rows
/// `⌊i·rows/count⌋ ..< ⌊(i+1)·rows/count⌋` (0-based), so chunk sizes differ by at most one.
///
/// Worked example: 25 rows in 10 chunks start at rows 0, 2, 5, 7, 10, 12, 15, 17, 20, 22.
struct RowChunks: Sendable, Equatable {
    /// Rows to split.
    let rows: Int64
    /// Chunks to split them into (at least 1, at most `rows`).
    let count: Int64
    /// The next row's 0-based index.
    private(set) var row: Int64 = 0

    init(rows: Int64, count: Int64) {
        self.rows = max(rows, 1)
        self.count = min(max(count, 1), max(rows, 1))
    }

    /// The chunk of row `row`: the largest `i` with `⌊i·rows/count⌋ <= row`, i.e. ⌊((row+1)·count − 1)/rows⌋
    /// (rows past the end fall in the last chunk).
    func chunk(of row: Int64) -> Int64 {
        min(((row + 1) * count - 1) / rows, count - 1)
    }

    /// The chunk of the next row, and advances to the row after it.
    mutating func next() -> Int64 {
        defer { row += 1 }
        return chunk(of: row)
    }
}
