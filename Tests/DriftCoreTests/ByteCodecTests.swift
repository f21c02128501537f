import DriftTestSupport
import Testing

struct ByteCodecTests {
    @Test func fieldsRoundTripLittleEndian() throws {
        var writer = ByteWriter()
        writer.writeHeader(family: .kllSketch, version: 1, flags: 3)
        writer.write(UInt16(0x0102))
        writer.write(UInt32(0x0304_0506))
        writer.write(UInt64.max - 1)
        writer.write(Int64(-5))
        writer.write(-0.0)
        writer.write("grüße")
        #expect(Array(writer.bytes.prefix(7)) == [0x44, 0x57, 1, 1, 3, 0x02, 0x01])

        var reader = ByteReader(writer.bytes)
        let header = try reader.readHeader(family: .kllSketch, supportedVersion: 1)
        #expect(header.version == 1 && header.flags == 3)
        #expect(try reader.readUInt16(field: "a") == 0x0102)
        #expect(try reader.readUInt32(field: "b") == 0x0304_0506)
        #expect(try reader.readUInt64(field: "c") == UInt64.max - 1)
        #expect(try reader.readInt64(field: "d") == -5)
        #expect(try reader.readDouble(field: "e").bitPattern == (-0.0).bitPattern)
        #expect(try reader.readString(field: "f", family: .kllSketch) == "grüße")
        try reader.expectEnd(family: .kllSketch)
    }

    @Test func headerErrorsSayExpectedAndFound() {
        var wrongFamily = ByteWriter()
        wrongFamily.writeHeader(family: .moments, version: 1)
        var reader = ByteReader(wrongFamily.bytes)
        #expect(throws: SketchCodecError.wrongFamily(expected: .kllSketch, found: 2)) {
            try reader.readHeader(family: .kllSketch, supportedVersion: 1)
        }
        var future = ByteWriter()
        future.writeHeader(family: .kllSketch, version: 9)
        reader = ByteReader(future.bytes)
        #expect(throws: SketchCodecError.unsupportedVersion(family: .kllSketch, found: 9, supported: 1)) {
            try reader.readHeader(family: .kllSketch, supportedVersion: 1)
        }
        reader = ByteReader([0x44, 0x57, 1])
        #expect(throws: SketchCodecError.truncated(field: "KLL sketch version byte", needed: 1, remaining: 0)) {
            try reader.readHeader(family: .kllSketch, supportedVersion: 1)
        }
        reader = ByteReader([0, 0])
        #expect(throws: SketchCodecError.badMagic(found: 0)) {
            try reader.readHeader(family: .kllSketch, supportedVersion: 1)
        }
    }

    @Test func stringLengthPastEndIsTruncation() {
        var writer = ByteWriter()
        writer.write(UInt32(10))
        writer.write(raw: [0x61, 0x62])
        var reader = ByteReader(writer.bytes)
        #expect(throws: SketchCodecError.truncated(field: "name", needed: 10, remaining: 2)) {
            try reader.readString(field: "name", family: .profile)
        }
    }
}
