// libFuzzer harness `codec`: every DriftCore binary decoder (the bytes of the state file and of
// baseline profiles). Run: Scripts/fuzz/run codec [seconds].
//
// The blob's family byte (offset 2 of the common header) picks the decoder, so the seeds are
// real blobs unchanged; inputs too short for a header go to every decoder. Checked:
// - no decoder traps, whatever the bytes (a decoder throws `SketchCodecError` or succeeds);
// - a decoded value re-encodes to a blob that decodes to an equal value whose encoding is the
//   same bytes (the encoding of a decoded value is a fixed point);
// - a decoded value is usable: queries, comparison with itself, merging with itself (when its
//   counts leave the headroom the types document, ≤ 2^62) never trap.
import DriftCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCodec(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let family = bytes.count >= 3 ? CodecFamily(rawValue: bytes[2]) : nil
    for candidate in CodecFamily.allCases where family == nil || family == candidate {
        decode(bytes, as: candidate)
    }
    return 0
}

/// Counts up to this leave room for one merge with itself (the KLL decoder's own bound).
private let headroom: UInt64 = 1 << 62

private func decode(_ bytes: [UInt8], as family: CodecFamily) {
    switch family {
    case .kllSketch:
        guard let sketch = roundTrip(bytes, KLLSketch.init(decoding:), { $0.encoded() }) else { return }
        exercise(sketch)
    case .moments:
        guard let moments = roundTrip(bytes, Moments.init(decoding:), { $0.encoded() }) else { return }
        _ = (moments.mean, moments.variance, moments.standardDeviation)
        if moments.count <= headroom { _ = moments.merging(moments) }
    case .binnedCounts:
        guard let bins = roundTrip(bytes, BinnedCounts.init(decoding:), { $0.encoded() }) else { return }
        _ = bins.binIndex(of: 0)
        if bins.total <= headroom { _ = try? bins.merging(bins) }
    case .categoricalSummary:
        guard let summary = roundTrip(bytes, CategoricalSummary.init(decoding:), { $0.encoded() }) else { return }
        exercise(summary)
    case .hyperLogLog:
        guard let sketch = roundTrip(bytes, HyperLogLog.init(decoding:), { $0.encoded() }) else { return }
        _ = sketch.merging(sketch).estimate()
    case .frequentItems:
        guard let items = roundTrip(bytes, FrequentItems.init(decoding:), { $0.encoded() }) else { return }
        if items.total <= headroom { _ = items.merging(items) }
    case .featureSummary:
        guard let summary = roundTrip(bytes, FeatureSummary.init(decoding:), { $0.encoded() }) else { return }
        exercise(summary)
    case .profile:
        guard let profile = roundTrip(bytes, Profile.init(decoding:), { $0.encoded() }) else { return }
        for name in profile.featureNames { if let summary = profile.features[name] { exercise(summary) } }
        if let binary = profile.binary { exercise(binary) }
        if profile.rows <= headroom, fitsHeadroom(profile) { _ = try? profile.merging(profile) }
    case .binaryClassification:
        guard let accumulator = roundTrip(bytes, BinaryClassificationAccumulator.init(decoding:), { $0.encoded() })
        else { return }
        exercise(accumulator)
    case .regression:
        guard let accumulator = roundTrip(bytes, RegressionAccumulator.init(decoding:), { $0.encoded() }) else {
            return
        }
        _ = (accumulator.mae, accumulator.rmse, accumulator.mape, accumulator.meanError)
        if accumulator.count <= headroom { _ = try? accumulator.merging(accumulator) }
    case .multiclass:
        guard let accumulator = roundTrip(bytes, MulticlassAccumulator.init(decoding:), { $0.encoded() }) else {
            return
        }
        _ = (accumulator.accuracy, accumulator.macroF1, accumulator.classCounts.count)
        if accumulator.count <= headroom { _ = try? accumulator.merging(accumulator) }
    }
}

/// Decodes `bytes`; on success checks that encoding is a fixed point and returns the value.
private func roundTrip<T: Equatable>(
    _ bytes: [UInt8], _ decode: ([UInt8]) throws(SketchCodecError) -> T, _ encode: (T) -> [UInt8]
) -> T? {
    let value: T
    do {
        value = try decode(bytes)
    } catch {
        _ = error.description
        return nil
    }
    let once = encode(value)
    let again: T
    do {
        again = try decode(once)
    } catch {
        fatalError("\(T.self): its own encoding does not decode: \(error)")
    }
    guard again == value, encode(again) == once else {
        fatalError("\(T.self): decode(encode(x)) differs from x")
    }
    return value
}

private func exercise(_ sketch: KLLSketch) {
    _ = sketch.quantiles(at: [0, 0.01, 0.5, 0.99, 1])
    _ = sketch.rank(of: sketch.min ?? 0)
    _ = sketch.sortedView()
    if sketch.count <= headroom { _ = sketch.merging(sketch) }
}

private func exercise(_ summary: CategoricalSummary) {
    _ = (summary.topValues, summary.otherCount, summary.distinctEstimate, summary.maximumError)
    _ = CategoricalBuckets(baseline: summary, window: summary)
    if summary.count <= headroom { _ = summary.merging(summary) }
}

private func exercise(_ summary: FeatureSummary) {
    _ = FeatureComparison.compare(window: summary, baseline: summary)
    exercise(summary.sketch)
    if fitsHeadroom(summary) { _ = try? summary.merging(summary) }
}

private func exercise(_ accumulator: BinaryClassificationAccumulator) {
    _ = (accumulator.accuracy, accumulator.precision, accumulator.recall, accumulator.f1)
    _ = (accumulator.auc, accumulator.logLoss, accumulator.brier, accumulator.expectedCalibrationError)
    if accumulator.count <= headroom { _ = try? accumulator.merging(accumulator) }
}

private func fitsHeadroom(_ summary: FeatureSummary) -> Bool {
    [summary.rows, summary.missing, summary.nonFinite, summary.typeMismatches].allSatisfy { $0 <= headroom }
}

private func fitsHeadroom(_ profile: Profile) -> Bool {
    let summaries = Array(profile.features.values) + [profile.prediction, profile.label].compactMap { $0 }
    return summaries.allSatisfy(fitsHeadroom)
        && (profile.binary?.count ?? 0) <= headroom && (profile.regression?.count ?? 0) <= headroom
        && (profile.multiclass?.count ?? 0) <= headroom
}
