import Testing

@testable import DriftStore

struct StoreErrorTests {
    private func sqlite(_ code: Int32) -> StoreError {
        .sqlite(path: "/var/lib/driftwatch/state.db", sql: "COMMIT", code: code, message: "msg")
    }

    @Test func extendedCodesMapToTheirPrimaryCategory() {
        let cases: [(Int32, StoreError.Category)] = [
            (13, .diskFull), (8, .readOnly), (8 | (1 << 8), .readOnly), (5, .busy), (5 | (2 << 8), .busy), (6, .busy),
            (11, .corrupt), (26, .corrupt), (10, .ioError), (10 | (4 << 8), .ioError), (14, .cannotOpen),
            (19, .constraint), (275, .constraint), (1, .other),
        ]
        for (code, category) in cases {
            #expect(sqlite(code).category == category, "code \(code)")
        }
    }

    @Test func descriptionsSayWhatToDo() {
        let path = "/var/lib/driftwatch/state.db"
        #expect(
            sqlite(13).description
                == "The disk holding \(path) is full; free space and re-run — nothing committed was lost.")
        #expect(sqlite(8).description.contains("read-only") && sqlite(8).description.contains("permissions"))
        #expect(sqlite(5).description.contains("locked by another process"))
        #expect(sqlite(11).description.contains("run `driftwatch check --state \(path)`"))
        #expect(sqlite(10).description.contains("nothing committed was lost"))
        #expect(sqlite(19).description.contains("`COMMIT`"))
        let wrapped = StoreError.migrationFailed(path: path, version: 1, cause: sqlite(13))
        #expect(wrapped.category == .diskFull)
        #expect(wrapped.description.hasSuffix(sqlite(13).description))
        #expect(StoreError.schemaTooNew(path: path, found: 3, supported: 1).category == .schema)
    }

    @Test func longStatementsAreAbbreviatedOnOneLine() {
        let error = StoreError.sqlite(path: "p", sql: Schema.createV1, code: 1, message: "m")
        let quoted = error.description.split(separator: "`")[1]
        #expect(quoted.count == 160 && quoted.hasSuffix("...") && !quoted.contains("\n"))
    }
}
