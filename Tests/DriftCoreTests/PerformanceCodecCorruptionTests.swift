import DriftTestSupport
import Testing

/// Hand-made corruptions of the golden v1 blobs, each rejected with "expected X, found Y".
///
/// Offsets follow the layout tables in `*+Codec.swift`.
struct PerformanceCodecCorruptionTests {
    static func patched(_ blob: [UInt8], at offset: Int, _ value: UInt64, width: Int) -> [UInt8] {
        var copy = blob
        for index in 0..<width { copy[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
        return copy
    }

    static func binaryError(_ bytes: [UInt8]) -> SketchCodecError? {
        do {
            _ = try BinaryClassificationAccumulator(decoding: bytes)
            return nil
        } catch { return error }
    }

    static func multiclassError(_ bytes: [UInt8]) -> SketchCodecError? {
        do {
            _ = try MulticlassAccumulator(decoding: bytes)
            return nil
        } catch { return error }
    }

    static func regressionError(_ bytes: [UInt8]) -> SketchCodecError? {
        do {
            _ = try RegressionAccumulator(decoding: bytes)
            return nil
        } catch { return error }
    }

    /// The field named by an `invalidField` error, or `nil` for another error.
    static func invalidField(_ error: SketchCodecError?) -> String? {
        guard case let .invalidField(_, field, _, _) = error else { return nil }
        return field
    }

    @Test func binaryCorruptionsAreRejected() {
        let blob = PerformanceCodecTests.goldenBinary().encoded()
        let nan = Double.nan.bitPattern
        let cases: [(String, [UInt8], String)] = [
            ("flag set", Self.patched(blob, at: 4, 1, width: 1), "flags"),
            ("threshold 2", Self.patched(blob, at: 5, 2.0.bitPattern, width: 8), "threshold"),
            ("threshold NaN", Self.patched(blob, at: 5, nan, width: 8), "threshold"),
            ("zero score bins", Self.patched(blob, at: 13, 0, width: 4), "scoreBins"),
            ("too many score bins", Self.patched(blob, at: 13, 1 << 20 + 1, width: 4), "scoreBins"),
            ("too many calibration bins", Self.patched(blob, at: 17, 1 << 16 + 1, width: 4), "calibrationBins"),
            ("TP disagrees with histogram", Self.patched(blob, at: 21, 2, width: 8), "score histogram positives"),
            ("TN disagrees with histogram", Self.patched(blob, at: 37, 3, width: 8), "score histogram negatives"),
            ("count overflow", Self.patched(blob, at: 53, UInt64.max, width: 8), "row counts"),
            ("log loss NaN", Self.patched(blob, at: 61, nan, width: 8), "log loss sum"),
            ("occupied bins > B", Self.patched(blob, at: 93, 11, width: 4), "occupied score bins"),
            ("bin index ≥ B", Self.patched(blob, at: 97, 10, width: 4), "score bin index"),
            ("bins out of order", Self.patched(blob, at: 97, 3, width: 4), "score bin index"),
            ("empty score bin", Self.patched(blob, at: 105, 0, width: 8), "score bin 1"),
            ("calibration rows < positives", Self.patched(blob, at: 181 + 4, 0, width: 8), "calibration bin 0"),
            ("calibration positives disagree", Self.patched(blob, at: 181 + 12, 1, width: 8), "calibration positives"),
        ]
        for (name, bytes, field) in cases {
            let error = Self.binaryError(bytes)
            #expect(Self.invalidField(error) == field, "\(name): \(String(describing: error))")
        }
        #expect(
            Self.binaryError(Self.patched(blob, at: 3, 2, width: 1))
                == .unsupportedVersion(
                    family: .binaryClassification, found: 2, supported: 1))
        #expect(
            Self.binaryError(PerformanceCodecTests.goldenRegression().encoded())
                == .wrongFamily(
                    expected: .binaryClassification, found: 10))
        #expect(Self.binaryError(blob + [0]) == .trailingBytes(family: .binaryClassification, count: 1))
    }

    @Test func multiclassCorruptionsAreRejected() {
        // Layout of the golden blob: K at 13; "cat" at 17; "dog" at 24; M at 31; cells at 35, 51, 67.
        let blob = PerformanceCodecTests.goldenMulticlass().encoded()
        var labelsUnsorted = blob
        labelsUnsorted.replaceSubrange(28..<31, with: Array("cat".utf8))
        var badUTF8 = blob
        badUTF8[21] = 0xFF
        var onlyFirstCell = Array(blob.prefix(51))
        onlyFirstCell = Self.patched(onlyFirstCell, at: 31, 1, width: 4)
        var cellsUnsorted = blob
        cellsUnsorted.replaceSubrange(51..<67, with: blob[67..<83])
        cellsUnsorted.replaceSubrange(67..<83, with: blob[51..<67])
        let cases: [(String, [UInt8], String)] = [
            ("flag set", Self.patched(blob, at: 4, 1, width: 1), "flags"),
            ("too many classes", Self.patched(blob, at: 13, 1_025, width: 4), "class count"),
            ("labels not ascending", labelsUnsorted, "class label"),
            ("invalid UTF-8", badUTF8, "class label"),
            ("cells > K²", Self.patched(blob, at: 31, 5, width: 4), "cell count"),
            ("index ≥ K", Self.patched(blob, at: 39, 2, width: 4), "cell"),
            ("zero rows", Self.patched(blob, at: 43, 0, width: 8), "cell"),
            ("cells out of order", cellsUnsorted, "cell order"),
            ("class without rows", onlyFirstCell, "class \"dog\""),
            ("row count overflow", Self.patched(blob, at: 59, UInt64.max, width: 8), "row count"),
        ]
        for (name, bytes, field) in cases {
            let error = Self.multiclassError(bytes)
            #expect(Self.invalidField(error) == field, "\(name): \(String(describing: error))")
        }
        #expect(
            Self.multiclassError(Self.patched(blob, at: 31, 4, width: 4))
                == .truncated(
                    field: "cell actual index", needed: 4, remaining: 0))
    }

    @Test func regressionCorruptionsAreRejected() {
        let blob = PerformanceCodecTests.goldenRegression().encoded()
        let cases: [(String, [UInt8], String)] = [
            ("flag set", Self.patched(blob, at: 4, 1, width: 1), "flags"),
            ("count overflow", Self.patched(blob, at: 13, UInt64.max, width: 8), "row counts"),
            ("NaN sum", Self.patched(blob, at: 21, Double.nan.bitPattern, width: 8), "absolute error sum"),
            ("negative squared sum", Self.patched(blob, at: 37, (-1.5).bitPattern, width: 8), "squared error sum"),
            ("sums without rows", Self.patched(blob, at: 5, 0, width: 8), "absolute error sum"),
        ]
        for (name, bytes, field) in cases {
            let error = Self.regressionError(bytes)
            #expect(Self.invalidField(error) == field, "\(name): \(String(describing: error))")
        }
        var emptyWithSignedSum = RegressionAccumulator().encoded()
        emptyWithSignedSum = Self.patched(emptyWithSignedSum, at: 69, 1.0.bitPattern, width: 8)
        #expect(Self.invalidField(Self.regressionError(emptyWithSignedSum)) == "error sum")
    }

    @Test func errorDescriptionsSayExpectedAndFound() {
        let blob = PerformanceCodecTests.goldenBinary().encoded()
        let error = Self.binaryError(Self.patched(blob, at: 21, 2, width: 8))
        #expect(
            error?.description
                == "corrupt binary classification accumulator blob: field score histogram positives expected 3 (from the confusion counts), found 2"
        )
    }
}
