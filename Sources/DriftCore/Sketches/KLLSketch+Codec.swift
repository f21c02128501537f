/// The binary form of a ``KLLSketch``, format v1 (all integers and doubles little-endian):
///
/// | offset | size    | field                                                           |
/// |-------:|--------:|-----------------------------------------------------------------|
/// | 0      | 5       | header: `D` `W`, family 1 (`.kllSketch`), version 1, flags 0    |
/// | 5      | 2       | `k`, UInt16, 8…65 535                                           |
/// | 7      | 1       | level count `H`, UInt8, 1…64                                    |
/// | 8      | 8       | count `n`, UInt64, at most 2⁶²                                  |
/// | 16     | 8       | coin state, UInt64 (the SplitMix64 state of the next compaction)|
/// | 24     | 8       | min, Double — present only when `n > 0`                         |
/// | 32     | 8       | max, Double — present only when `n > 0`                         |
/// | a      | 4·H     | level sizes `s₀ … s_{H−1}`, UInt32 each                         |
/// | a+4H   | 8·Σsₕ   | items: level 0 in buffer order, then levels 1, 2, … ascending   |
///
/// where `a` is 24 for an empty sketch and 40 otherwise. Decoding checks every field: the ranges
/// above, `Σsₕ` at most the capacity of `H` levels, the top level non-empty when `H > 1`,
/// `n = Σ sₕ·2ʰ`, finite items within `[min, max]`, levels above 0 ascending, and for an
/// exact sketch (`H = 1`) that min and max are the extreme items.
extension KLLSketch {
    /// The only format version this build writes and reads.
    static let codecVersion: UInt8 = 1

    /// Appends the v1 encoding of this sketch to `writer`.
    /// - Complexity: O(r) in the retained count `r`.
    public func encode(into writer: inout ByteWriter) {
        writer.writeHeader(family: .kllSketch, version: KLLSketch.codecVersion, flags: 0)
        writer.write(UInt16(k))
        writer.write(UInt8(levelCount))
        writer.write(storedCount)
        writer.write(coin.state)
        if storedCount > 0 {
            writer.write(minimum)
            writer.write(maximum)
        }
        for height in 0..<levelCount { writer.write(UInt32(levelRange(height).count)) }
        for index in levelZeroStart..<items.count { writer.write(items[index]) }
    }

    /// The v1 encoding of this sketch as a standalone blob.
    /// - Complexity: O(r) in the retained count `r`.
    public func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 40 + 4 * levelCount + 8 * retainedCount)
        encode(into: &writer)
        return writer.bytes
    }

    /// Decodes a sketch from a blob that holds exactly one encoded sketch.
    /// - Throws: ``SketchCodecError`` when the blob is not a valid v1 KLL sketch or has trailing bytes.
    /// - Complexity: O(r) in the retained count `r`.
    public init(decoding bytes: [UInt8]) throws(SketchCodecError) {
        var reader = ByteReader(bytes)
        try self.init(from: &reader)
        try reader.expectEnd(family: .kllSketch)
    }

    /// Decodes one sketch at the reader's position and advances past it.
    /// - Throws: ``SketchCodecError`` naming the first field that is missing or invalid.
    /// - Complexity: O(r) in the retained count `r`.
    public init(from reader: inout ByteReader) throws(SketchCodecError) {
        let header = try reader.readHeader(family: .kllSketch, supportedVersion: KLLSketch.codecVersion)
        try KLLSketch.expect(header.flags == 0, "flags", expected: "0", found: "\(header.flags)")
        let k = Int(try reader.readUInt16(field: "KLL k"))
        try KLLSketch.expect(k >= 8, "k", expected: "8...65535", found: "\(k)")
        let levelCount = Int(try reader.readUInt8(field: "KLL level count"))
        try KLLSketch.expect(
            (1...KLLSketch.maximumLevelCount).contains(levelCount), "level count",
            expected: "1...\(KLLSketch.maximumLevelCount)", found: "\(levelCount)")
        let count = try reader.readUInt64(field: "KLL count")
        // No real stream nears 2⁶², and the headroom keeps later merges and inserts from overflowing.
        try KLLSketch.expect(count <= 1 << 62, "count", expected: "at most 2^62", found: "\(count)")
        let coinState = try reader.readUInt64(field: "KLL coin state")
        self.init(k: k)
        storedCount = count
        coin = SplitMix64(seed: coinState)
        if count > 0 {
            minimum = try reader.readDouble(field: "KLL min")
            maximum = try reader.readDouble(field: "KLL max")
            try KLLSketch.expect(
                minimum.isFinite && maximum.isFinite && minimum <= maximum, "min/max",
                expected: "finite min ≤ max", found: "min \(minimum), max \(maximum)")
        }
        let sizes = try KLLSketch.readLevelSizes(from: &reader, k: k, levelCount: levelCount, count: count)
        try readItems(from: &reader, sizes: sizes)
    }

    /// Reads and checks the level sizes against the capacity, the top level and the count.
    private static func readLevelSizes(
        from reader: inout ByteReader, k: Int, levelCount: Int, count: UInt64
    ) throws(SketchCodecError) -> [Int] {
        let capacity = totalCapacity(k: k, levelCount: levelCount)
        var sizes: [Int] = []
        sizes.reserveCapacity(levelCount)
        var retained = 0
        var weight: UInt64 = 0
        var weightOverflows = false
        for height in 0..<levelCount {
            let size = try reader.readCount(
                field: "KLL level \(height) size", family: .kllSketch, limit: capacity - retained)
            sizes.append(size)
            retained += size
            let (levelWeight, shiftOverflow) = UInt64(size).multipliedReportingOverflow(by: 1 << UInt64(height))
            let (sum, sumOverflow) = weight.addingReportingOverflow(levelWeight)
            weightOverflows = weightOverflows || shiftOverflow || sumOverflow
            weight = sum
        }
        if levelCount > 1 {
            try expect(
                sizes[levelCount - 1] > 0, "top level size", expected: "at least 1 when there are \(levelCount) levels",
                found: "0")
        }
        try expect(
            !weightOverflows && weight == count, "count",
            expected: "the total level weight \(weightOverflows ? "(overflowing)" : "\(weight)")",
            found: "\(count)")
        return sizes
    }

    /// Reads the retained items into the end of the buffer and checks them.
    private mutating func readItems(from reader: inout ByteReader, sizes: [Int]) throws(SketchCodecError) {
        let retained = sizes.reduce(0, +)
        let capacity = KLLSketch.totalCapacity(k: k, levelCount: sizes.count)
        items = [Double](repeating: 0, count: capacity)
        levelZeroStart = capacity - retained
        levelEnds = []
        for size in sizes { levelEnds.append((levelEnds.last ?? levelZeroStart) + size) }
        for height in sizes.indices {
            let range = levelRange(height)
            for index in range {
                let item = try reader.readDouble(field: "KLL item")
                try KLLSketch.expect(
                    item.isFinite && item >= minimum && item <= maximum, "item \(index - levelZeroStart)",
                    expected: "a finite value in [min, max] = [\(minimum), \(maximum)]", found: "\(item)")
                if height > 0 && index > range.lowerBound {
                    try KLLSketch.expect(
                        items[index - 1] <= item, "level \(height) order",
                        expected: "ascending items", found: "\(items[index - 1]) before \(item)")
                }
                items[index] = item
            }
        }
        if sizes.count == 1 && retained > 0 {
            let exact = items[levelZeroStart...]
            try KLLSketch.expect(
                exact.min() == minimum && exact.max() == maximum, "min/max of an exact sketch",
                expected: "the smallest and largest item", found: "min \(minimum), max \(maximum)")
        }
        #if DRIFT_INTERNAL_CHECKS
            checkInvariants()
        #endif
    }

    /// Throws an "expected X, found Y" error for `field` unless `condition` holds; the texts are
    /// only built on failure, as this runs once per item.
    private static func expect(
        _ condition: Bool, _ field: @autoclosure () -> String, expected: @autoclosure () -> String,
        found: @autoclosure () -> String
    ) throws(SketchCodecError) {
        guard condition else {
            throw .invalidField(family: .kllSketch, field: field(), expected: expected(), found: found())
        }
    }
}
