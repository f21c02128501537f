import DriftTestSupport
import Testing

@testable import DriftAgent

/// The word-at-a-time key comparison (overlapping last word, overlapping shorter loads) against
/// the oracle of comparing byte by byte: every length up to 40, equal keys and keys differing in
/// exactly one byte at each position.
struct MemberKeyCacheTests {
    @Test func equalBytesAgreesWithAByteByByteComparison() {
        var sampler = Sampler(seed: 99)
        for count in 0...40 {
            let a = (0..<count).map { _ in UInt8(truncatingIfNeeded: sampler.int(below: 256)) }
            var variants = [a]
            for position in 0..<count {
                var b = a
                b[position] ^= UInt8(1 << sampler.int(below: 8))
                variants.append(b)
            }
            for b in variants {
                // Copies at odd offsets inside larger buffers: loads must not assume alignment.
                let left = [0x55] + a + [0xAA]
                let right = [0x33, 0x44, 0x77] + b + [0xAA]
                let equal = left.withUnsafeBytes { l in
                    right.withUnsafeBytes { r in
                        MemberKeyCache.equalBytes(l.baseAddress! + 1, r.baseAddress! + 3, count)
                    }
                }
                #expect(equal == (a == b), "count \(count)")
            }
        }
    }
}
