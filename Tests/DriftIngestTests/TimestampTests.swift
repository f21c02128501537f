import DriftIngest
import Testing

/// Expected values computed with Python 3:
/// `(datetime.fromisoformat(s.replace('Z', '+00:00')) - datetime(1970,1,1,tzinfo=timezone.utc)) // timedelta(milliseconds=1)`
struct TimestampTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2026-11-28T08:00:00Z", 1_795_852_800_000),
        ("2026-11-28T08:00:00.123456+05:30", 1_795_833_000_123),
        ("2026-11-28t08:00:00.123456+05:30", 1_795_833_000_123),
        ("2000-02-29T23:59:59.999Z", 951_868_799_999),
        ("2000-02-29T23:59:59.999999999z", 951_868_799_999),
        ("2024-02-29 12:00:00Z", 1_709_208_000_000),
        ("1969-12-31T23:59:59.999Z", -1),
        ("2016-12-31T23:59:60Z", 1_483_228_799_999),  // leap second clamped to :59.999
        ("2016-12-31T23:59:60.5Z", 1_483_228_799_999),
        ("0001-01-01T00:00:00Z", -62_135_596_800_000),
        ("9999-12-31T23:59:59.999-23:59", 253_402_387_139_999),
        ("1900-03-01T00:00:00-00:30", -2_203_889_400_000),
        ("2026-11-28T08:00:00.1Z", 1_795_852_800_100),
        ("2100-02-28T23:59:59+23:59", 4_107_456_059_000),
    ])
    func parsesRFC3339(text: String, expected: Int64) {
        #expect(Timestamp.milliseconds(rfc3339: text) == expected)
    }

    @Test(arguments: [
        "", "2026-11-28", "2026-11-28T08:00:00", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-00-01T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-00T00:00:00Z", "2026-11-28T24:00:00Z",
        "2026-11-28T23:60:00Z", "2026-11-28T23:59:61Z", "2026-11-28T08:00:00.Z", "2026-11-28T08:00:00+24:00",
        "2026-11-28T08:00:00+05:60", "2026-11-28T08:00:00+0530", "2026-11-28T08:00:00Zx", "2026-11-28X08:00:00Z",
        "26-11-28T08:00:00Z", "2026-1-28T08:00:00Z", "+2026-11-28T08:00:00Z", "2026-11-28T08:00:00 Z",
    ])
    func rejectsMalformedRFC3339(text: String) {
        #expect(Timestamp.milliseconds(rfc3339: text) == nil)
    }

    @Test func epochValues() {
        #expect(Timestamp.milliseconds(epoch: 1_795_852_800) == 1_795_852_800_000)
        #expect(Timestamp.milliseconds(epoch: 1_795_852_800.123) == 1_795_852_800_123)
        #expect(Timestamp.milliseconds(epoch: 1_795_852_800.1239) == 1_795_852_800_123)
        #expect(Timestamp.milliseconds(epoch: 1_795_852_800_123) == 1_795_852_800_123)
        #expect(Timestamp.milliseconds(epoch: 99_999_999_999) == 99_999_999_999_000)  // just below 1e11: seconds
        #expect(Timestamp.milliseconds(epoch: 100_000_000_000) == 100_000_000_000)  // 1e11: milliseconds
        #expect(Timestamp.milliseconds(epoch: -1.5) == -1500)
        #expect(Timestamp.milliseconds(epoch: .nan) == nil)
        #expect(Timestamp.milliseconds(epoch: .infinity) == nil)
        #expect(Timestamp.milliseconds(epoch: 1e300) == nil)
        let texts: [(String, Int64?)] = [
            ("1795852800", 1_795_852_800_000), ("1795852800.123999", 1_795_852_800_123),
            ("1795852800123", 1_795_852_800_123), ("1795852800123.9", 1_795_852_800_123), ("-1.0005", -1001),
            ("-1.5", -1500), ("0", 0), ("1.", nil), ("", nil), ("-", nil), ("12a", nil), ("99999999999999999", nil),
        ]
        for (text, expected) in texts {
            let actual = Array(text.utf8).withUnsafeBytes { Timestamp.milliseconds(epochText: $0) }
            #expect(actual == expected, "\(text)")
        }
    }

    @Test func fromScannedValues() {
        let scanner = JSONScanner(fields: ["a", "b", "c", "d", "e"].compactMap(FieldPath.init))
        var fields = scanner.makeFields()
        let text =
            #"{"a":"2026-11-28T08:00:00Z","b":1795852800,"c":"1795852800123","d":"\u0032026-11-28T08:00:00Z","e":true}"#
        Array(text.utf8).withUnsafeBytes { line in
            #expect(scanner.scan(line, into: &fields) == .ok)
            let values = fields.values.map { Timestamp.milliseconds(from: $0, in: line) }
            #expect(values == [1_795_852_800_000, 1_795_852_800_000, 1_795_852_800_123, 1_795_852_800_000, nil])
        }
    }

    @Test func formatsAndRoundTrips() {
        #expect(Timestamp.format(milliseconds: 0) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.format(milliseconds: 1_795_833_000_123) == "2026-11-28T02:30:00.123Z")
        #expect(Timestamp.format(milliseconds: -1) == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.format(milliseconds: 951_868_799_999) == "2000-02-29T23:59:59.999Z")
        #expect(Timestamp.format(milliseconds: -62_135_596_800_000) == "0001-01-01T00:00:00Z")
        var state: UInt64 = 7
        for _ in 0..<5000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let ms = Int64(bitPattern: state >> 1) % 253_402_300_800_000  // within years 1970…9999
            let back = Timestamp.milliseconds(rfc3339: Timestamp.format(milliseconds: ms))
            #expect(back == ms, "\(ms)")
        }
    }

    @Test func durations() {
        let cases: [(String, Int64?)] = [
            ("15m", 900_000), ("1h", 3_600_000), ("1d", 86_400_000), ("30s", 30_000), ("2h30m", 9_000_000),
            ("500ms", 500), ("1w", 604_800_000), ("1m30s", 90_000), ("0s", 0), ("", nil), ("h", nil), ("15", nil),
            ("1x", nil), ("1h ", nil), ("-1h", nil), ("99999999999999999d", nil),
        ]
        for (text, expected) in cases {
            #expect(Timestamp.parseDurationMilliseconds(text) == expected, "\(text)")
        }
    }
}
