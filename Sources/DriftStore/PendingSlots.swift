/// Binds pending-prediction rows to an insert statement's row slots
/// (``Schema/insertPendingPredictions(rows:)``), skipping binds that would not change a parameter.
///
/// SQLite keeps bindings across `sqlite3_reset`, so a parameter needs binding only when its value
/// changes: the model and version (`?1`, `?2`) once per model version, a slot's start time when
/// the window changes, its score and class NULLs only after a non-NULL. This remembers what each
/// slot holds; it starts from all-NULL, which it makes true by clearing the statement's bindings.
struct PendingSlots {
    private let statement: Statement
    /// The key whose model and version are bound (−1: none).
    private var key: Int32 = -1
    /// Per slot: the bound start time (`nil`: NULL).
    private var start: [Int64?]
    /// Per slot: whether the score / the class parameter is NULL.
    private var scoreIsNull: [Bool]
    private var classIsNull: [Bool]

    /// Tracks `statement`, which has `slots` rows of parameters, and clears its bindings.
    init(statement: Statement, slots: Int) {
        self.statement = statement
        start = Array(repeating: nil, count: slots)
        scoreIsNull = Array(repeating: true, count: slots)
        classIsNull = Array(repeating: true, count: slots)
        statement.clearBindings()
    }

    /// Binds the model and version of `batch.keys[key]` unless they are bound already.
    mutating func bind(key: Int32, of batch: PendingPredictionRows) throws {
        guard key != self.key else { return }
        let names = batch.keys[Int(key)]
        try statement.bind(names.model, at: 1)
        try statement.bind(names.version, at: 2)
        self.key = key
    }

    /// Binds `row` to slot `slot`; its id and class are bound in place from `arena`, which must
    /// stay valid until the bindings are cleared (``Statement/bindText(_:at:)``).
    mutating func bind(_ row: PendingPredictionRows.Row, _ arena: UnsafeRawBufferPointer, slot: Int) throws {
        let first = Int32(3 + 5 * slot)
        try statement.bindText(UnsafeRawBufferPointer(rebasing: arena[row.idRange]), at: first)
        if start[slot] != row.windowStartMs {
            try statement.bind(row.windowStartMs, at: first + 1)
            start[slot] = row.windowStartMs
        }
        try statement.bind(row.eventMs, at: first + 2)
        if row.hasScore {
            try statement.bind(row.score, at: first + 3)
            scoreIsNull[slot] = false
        } else if !scoreIsNull[slot] {
            try statement.bindNull(at: first + 3)
            scoreIsNull[slot] = true
        }
        if let classRange = row.classRange {
            try statement.bindText(UnsafeRawBufferPointer(rebasing: arena[classRange]), at: first + 4)
            classIsNull[slot] = false
        } else if !classIsNull[slot] {
            try statement.bindNull(at: first + 4)
            classIsNull[slot] = true
        }
    }
}
