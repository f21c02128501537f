/// A stable 64-bit hash of strings and bytes whose values may be persisted.
///
/// FNV-1a 64 (Fowler–Noll–Vo, offset basis 0xcbf29ce484222325, prime 0x100000001b3) over the
/// UTF-8 bytes, then the ``SplitMix64/mix(_:)`` finaliser so that every output bit depends on
/// every input bit (FNV alone leaves the high bits poorly mixed, and HyperLogLog reads them).
///
/// Never Swift's `Hasher`: it is seeded randomly per process, and these values end up in stored
/// HyperLogLog registers, which must mean the same thing in every process and on every host.
/// Strings are hashed by their UTF-8 bytes, so canonically equivalent but differently encoded
/// strings (precomposed "é" versus "e" + U+0301) hash differently.
public enum StableHash {
    @usableFromInline static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    @usableFromInline static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The stable hash of a string's UTF-8 bytes.
    ///
    /// - Complexity: O(n) in the UTF-8 length; no allocation for native strings.
    @inlinable
    public static func hash(_ s: String) -> UInt64 {
        var copy = s
        return copy.withUTF8 { hash(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The stable hash of raw bytes; equal to `hash(_:)` of a string with the same UTF-8 bytes.
    ///
    /// - Complexity: O(n) in `bytes.count`.
    @inlinable
    public static func hash(bytes: UnsafeRawBufferPointer) -> UInt64 {
        SplitMix64.mix(fnv1a(bytes))
    }

    /// The plain FNV-1a 64 hash of `bytes`, before mixing (exposed for test vectors).
    ///
    /// - Complexity: O(n) in `bytes.count`.
    @inlinable
    public static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = offsetBasis
        for byte in bytes {
            h ^= UInt64(byte)
            h = h &* prime  // wrapping by design: FNV is defined modulo 2^64
        }
        return h
    }
}
