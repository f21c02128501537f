#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Estimates quantiles and ranks of a stream of `Double`s in bounded memory
/// (KLL: Karnin, Lang, Liberty, "Optimal Quantile Approximation in Streams", FOCS 2016).
///
/// **What it estimates.** The inclusive rank of a value (the fraction of inserted values `≤` it)
/// and its inverse, the quantile at a fraction. `count`, `min` and `max` are exact.
///
/// **Error.** With 99% confidence, for any one query, the estimated rank differs from the true
/// rank by at most ``rankErrorBound(k:)`` = `2.296 / k^0.9723` (the empirical bound Apache
/// DataSketches publishes for its KLL sketch): 1.33% for `k = 200`, 5.1% for `k = 50`,
/// 0.68% for `k = 400`. While nothing has been compacted (``isExact``) every answer is exact.
///
/// **Memory.** O(k) values: with `H` levels, level `h` holds up to `max(8, round(k·(2/3)^(H−h−1)))`
/// (`c = 2/3`, minimum width `m = 8`) and the buffer is the sum of those, fewer than `3k + 8H`
/// slots, where `H ≤ log₂(n) + 1`. For `k = 200` that is 617 slots (4.9 KB of values, 13 levels)
/// after one million inserts, and at most 1,025 slots (8.2 KB) for any count.
///
/// **Merging.** ``merge(_:)`` folds another sketch in; the result has `k = min(k, other.k)` and
/// the same error guarantee for the union of both streams. An empty sketch with `k ≥ self.k` is the
/// identity, and merging is exactly commutative (`a.merging(b) == b.merging(a)`); it is
/// associative up to the error bound.
///
/// **NaN and infinities** are rejected: ``insert(_:)`` returns `false` and stores nothing, so the
/// caller counts them. `-0.0` is stored as `+0.0`.
///
/// **Determinism.** Compaction keeps the odd- or even-indexed half of a level by a coin that is not
/// the system RNG: the sketch carries a `SplitMix64` state (starting from a fixed constant,
/// advanced once per compaction, serialized with the sketch). The same values inserted in the same
/// order, and the same merges in the same order, give bit-identical sketches and identical
/// encoded bytes on every run and platform.
///
/// The design follows DataSketches' `kll_sketch`: one flat buffer holds every level, free space
/// first, then level 0 (unsorted, newest first), then the sorted levels 1, 2, … whose items
/// weigh 2¹, 2², …. An insert writes into the free space; only when it is exhausted is the lowest
/// over-full level compacted (sorted, halved by the coin, merged into the level above).
///
/// - Complexity: ``insert(_:)`` is amortized O(1) and allocates only when a level is added
///   (O(log n) times); queries are O(r) or O(r log r) in the retained count `r`.
public struct KLLSketch: Mergeable, Sendable {
    /// The default accuracy parameter: about 1.33% rank error with 99% confidence.
    public static let defaultK = 200

    /// The smallest width any level may be given (the paper's `m`).
    static let minimumLevelWidth = 8

    /// The most levels a sketch can have: level `h` items weigh `2^h`, and `count` is a `UInt64`.
    static let maximumLevelCount = 64

    /// The compaction coin's starting state (ASCII "KLLcoin1"); part of the determinism contract.
    static let initialCoinState: UInt64 = 0x4B4C_4C63_6F69_6E31

    /// The accuracy parameter: larger is more accurate and uses more memory.
    public private(set) var k: Int

    /// The retained values: free space in `0..<levelZeroStart`, then the levels in order (see
    /// ``levelRange(_:)``).
    @usableFromInline var items: [Double]

    /// Where level 0, and so the retained values, start in `items`. Kept apart from `levelEnds`
    /// so that an insert writes to one array only.
    @usableFromInline var levelZeroStart: Int

    /// `levelEnds[h]` is where level `h` ends (and level `h + 1` starts); there is one entry per
    /// level and the last is `items.count`.
    var levelEnds: [Int]

    /// The exact number of values inserted.
    @usableFromInline var storedCount: UInt64

    /// The exact minimum (`+∞` while empty).
    @usableFromInline var minimum: Double

    /// The exact maximum (`−∞` while empty).
    @usableFromInline var maximum: Double

    /// The compaction coin; advanced once per compaction.
    var coin: SplitMix64

    /// Creates an empty sketch.
    ///
    /// - Parameter k: The accuracy parameter, `8 ≤ k ≤ 65_535`; see ``rankErrorBound(k:)``.
    public init(k: Int = KLLSketch.defaultK) {
        precondition((8...65_535).contains(k), "KLLSketch k must be in 8...65535, got \(k)")
        self.k = k
        let capacity = KLLSketch.totalCapacity(k: k, levelCount: 1)
        items = Array(repeating: 0, count: capacity)
        levelZeroStart = capacity
        levelEnds = [capacity]
        storedCount = 0
        minimum = .infinity
        maximum = -.infinity
        coin = SplitMix64(seed: KLLSketch.initialCoinState)
    }

    /// The exact number of values inserted (rejected NaN/infinite values are not counted).
    public var count: UInt64 { storedCount }

    /// Whether no value has been inserted.
    public var isEmpty: Bool { storedCount == 0 }

    /// The exact smallest inserted value, or `nil` when empty.
    public var min: Double? { storedCount == 0 ? nil : minimum }

    /// The exact largest inserted value, or `nil` when empty.
    public var max: Double? { storedCount == 0 ? nil : maximum }

    /// The number of values the sketch keeps.
    public var retainedCount: Int { items.count - levelZeroStart }

    /// Whether every inserted value is still kept, so that every answer is exact.
    public var isExact: Bool { levelEnds.count == 1 }

    /// The rank error bound of this sketch: ``rankErrorBound(k:)``, or 0 while ``isExact``.
    public var normalizedRankError: Double { isExact ? 0 : KLLSketch.rankErrorBound(k: k) }

    /// The normalized rank error that a single rank or quantile query stays within with 99%
    /// confidence: `2.296 / k^0.9723` (DataSketches' empirical fit); 0.0133 for `k = 200`.
    public static func rankErrorBound(k: Int) -> Double {
        2.296 / pow(Double(k), 0.9723)
    }

    /// The number of levels (1 until the first compaction).
    var levelCount: Int { levelEnds.count }

    /// The indices of `items` that hold level `height`, whose items each weigh `2^height`.
    func levelRange(_ height: Int) -> Range<Int> {
        (height == 0 ? levelZeroStart : levelEnds[height - 1])..<levelEnds[height]
    }

    /// Adds one value to the sketch.
    ///
    /// - Returns: `false`, storing nothing, when `value` is NaN or infinite; `true` otherwise.
    /// - Complexity: Amortized O(1); allocates only when the sketch grows a level.
    @inlinable
    @discardableResult
    public mutating func insert(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        let stored = value + 0.0  // turns -0.0 into +0.0 so equal inputs encode identically
        if levelZeroStart == 0 { compactForInsert() }
        levelZeroStart &-= 1  // stays ≥ 0: a compaction always frees at least 4 slots
        items[levelZeroStart] = stored
        storedCount &+= 1  // cannot wrap: 2⁶⁴ inserts would take centuries
        if stored < minimum { minimum = stored }
        if stored > maximum { maximum = stored }
        return true
    }

    /// Frees space in the full buffer by compacting the lowest level that has reached its capacity.
    @usableFromInline
    mutating func compactForInsert() {
        let top = levelCount - 1
        var height = 0
        var begin = levelZeroStart
        while height < top,
            levelEnds[height] - begin < KLLSketch.levelCapacity(k: k, levelCount: levelCount, height: height)
        {
            begin = levelEnds[height]
            height += 1
        }
        if height == top { addTopLevel() }
        compact(height: height)
        #if DRIFT_INTERNAL_CHECKS
            // The item checks are O(r): run them on the rarer compactions that reach level 2, so that
            // debug builds stay fast; the O(levels) structure checks run every time.
            checkInvariants(checkingItems: height >= 2)
        #endif
    }

    /// Adds an empty top level, growing the buffer to the capacity of the new level count.
    mutating func addTopLevel() {
        precondition(levelCount < KLLSketch.maximumLevelCount, "KLLSketch cannot grow past 64 levels")
        let newCapacity = KLLSketch.totalCapacity(k: k, levelCount: levelCount + 1)
        let growth = newCapacity - items.count
        var grown = [Double](repeating: 0, count: newCapacity)
        grown[(levelZeroStart + growth)...] = items[levelZeroStart...]
        items = grown
        levelZeroStart += growth
        for index in levelEnds.indices { levelEnds[index] += growth }
        levelEnds.append(newCapacity)
    }

    /// Halves level `height` into level `height + 1`, which must exist.
    ///
    /// If the level has an odd size its first item stays behind. The rest (sorted first, for level
    /// 0) keeps every other item, starting at an offset the coin picks, and those are merged into
    /// the sorted level above, whose weight is twice as large; the total weight is unchanged. The
    /// levels below move up into the freed slots, so the free space at the front grows.
    mutating func compact(height: Int) {
        let begin = levelRange(height).lowerBound
        let end = levelEnds[height]
        let aboveEnd = levelEnds[height + 1]
        let odd = (end - begin) & 1
        let start = begin + odd
        let half = (end - start) / 2
        let offset = Int(truncatingIfNeeded: coin.next() & 1)
        let lowest = levelZeroStart
        items.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            if height == 0 { KLLSketch.sort(base, from: start, to: end) }
            for index in 0..<half { base[start &+ index] = base[start &+ 2 &* index &+ offset] }
            KLLSketch.mergeForward(base, first: start, half: half, second: end, end: aboveEnd)
            if odd == 1 { base[begin + half] = base[begin] }
            // Move the lower levels up into the freed slots (an overlapping move, like memmove).
            (base + lowest + half).update(from: base + lowest, count: begin - lowest)
        }
        levelEnds[height] = start + half
        for level in 0..<height { levelEnds[level] += half }
        levelZeroStart += half
    }

    /// `3^d` for `d` in `0...30`, for exact level capacities.
    private static let powersOfThree: [UInt64] = (0...30).map { depth in
        (0..<depth).reduce(1) { power, _ in power * 3 }
    }

    /// The capacity of level `height` when there are `levelCount` levels: `max(8, round(k·(2/3)^depth))`
    /// with `depth = levelCount − height − 1`.
    static func levelCapacity(k: Int, levelCount: Int, height: Int) -> Int {
        let depth = levelCount - height - 1
        guard depth <= 30 else { return minimumLevelWidth }  // 65_535·(2/3)^31 < 1
        let twiceScaled = (UInt64(2 * k) << UInt64(depth)) / powersOfThree[depth]
        return Swift.max(minimumLevelWidth, Int((twiceScaled + 1) >> 1))
    }

    /// The buffer size for `levelCount` levels: the sum of their capacities.
    static func totalCapacity(k: Int, levelCount: Int) -> Int {
        var total = 0
        for height in 0..<levelCount { total += levelCapacity(k: k, levelCount: levelCount, height: height) }
        return total
    }
}

extension KLLSketch: Equatable {
    /// Whether two sketches hold the same state: `k`, count, min, max, coin and every level's items
    /// in order (the unused free space is not compared).
    public static func == (lhs: KLLSketch, rhs: KLLSketch) -> Bool {
        lhs.k == rhs.k && lhs.storedCount == rhs.storedCount && lhs.minimum == rhs.minimum
            && lhs.maximum == rhs.maximum && lhs.coin.state == rhs.coin.state && lhs.levelEnds == rhs.levelEnds
            && lhs.levelZeroStart == rhs.levelZeroStart
            && lhs.items[lhs.levelZeroStart...] == rhs.items[rhs.levelZeroStart...]
    }
}
