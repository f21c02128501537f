import DriftTestSupport
import Testing

@testable import DriftCore

/// The KLL compaction's sort (the minimum first, then quicksort down to short runs finished by an
/// insertion sort that relies on the item to their left) and its in-place merge, against the
/// standard library's sort of the same items.
struct KLLSketchSortTests {
    /// Random items with many repeats (the level holds whole numbers now and then).
    static func items(_ sampler: inout Sampler, count: Int) -> [Double] {
        (0..<count).map { _ in
            sampler.uniform() < 0.3 ? Double(sampler.int(below: 5)) : sampler.normal(mean: 0, sd: 10)
        }
    }

    @Test func sortEqualsTheStandardSort() {
        var sampler = Sampler(seed: 71)
        let sizes = Array(0...300) + [511, 512, 513, 1_000, 6_000]
        for count in sizes {
            var items = Self.items(&sampler, count: count)
            if count % 7 == 0 { items.sort() }  // already sorted
            if count % 11 == 0 { items.sort(by: >) }  // reversed
            let expected = items.sorted()
            // Sort a slice in the middle of a larger buffer: the items around must stay put.
            var buffer = [-1.5] + items + [99.5]
            buffer.withUnsafeMutableBufferPointer { pointer in
                guard let base = pointer.baseAddress else { return }
                KLLSketch.sort(base, from: 1, to: 1 + count)
            }
            #expect(Array(buffer[1..<1 + count]) == expected, "count \(count)")
            #expect(buffer.first == -1.5 && buffer.last == 99.5, "count \(count)")
        }
    }

    /// `mergeForward` merges the kept half (sorted, at `first`) into the level above (sorted, at
    /// `second = first + 2·half`), writing from `first + half` on.
    @Test func mergeForwardEqualsTheSortedUnion() {
        var sampler = Sampler(seed: 72)
        for half in 0...40 {
            for aboveCount in [0, 1, 2, 5, 17, 60] {
                for _ in 0..<3 {
                    let kept = Self.items(&sampler, count: half).sorted()
                    let above = Self.items(&sampler, count: aboveCount).sorted()
                    let first = 3
                    var buffer = [Double](repeating: .nan, count: first) + kept
                    buffer += [Double](repeating: .nan, count: half) + above
                    buffer.withUnsafeMutableBufferPointer { pointer in
                        guard let base = pointer.baseAddress else { return }
                        KLLSketch.mergeForward(
                            base, first: first, half: half, second: first + 2 * half, end: pointer.count)
                    }
                    #expect(Array(buffer[(first + half)...]) == (kept + above).sorted(), "\(half), \(aboveCount)")
                }
            }
        }
    }
}
