import DriftCore
import DriftIngest

/// The configured field paths compiled into one ``JSONScanner``, and where each value lands.
///
/// Slots 0–5 are the shared fields (timestamp, model, version, id, prediction, label); each
/// listed feature of each model has its own slot after them. Models that discover their features
/// ask the scanner for every member of their feature root instead.
struct LineLayout {
    static let timestampSlot = 0
    static let modelSlot = 1
    static let versionSlot = 2
    static let idSlot = 3
    static let predictionSlot = 4
    static let labelSlot = 5

    /// A listed feature: its name, its slot in the scanned values and its kind.
    struct ListedFeature {
        var name: String
        var slot: Int
        var kind: FeatureKind
    }

    let scanner: JSONScanner
    /// Listed features per configured model name.
    let listed: [String: [ListedFeature]]
    /// Member group per feature root path, for models that discover their features.
    let rootGroups: [String: Int]

    init(configuration: Configuration) throws(ConfigError) {
        let fields = configuration.fields
        var paths: [FieldPath] = []
        for (key, dotted) in [
            ("timestamp", fields.timestamp), ("model", fields.model), ("version", fields.version),
            ("id", fields.id), ("prediction", fields.prediction), ("label", fields.label),
        ] {
            paths.append(try Self.path(dotted, key: "fields.\(key)"))
        }
        var listed: [String: [ListedFeature]] = [:]
        var roots: [String] = []
        for model in configuration.models + [configuration.defaults] {
            if model.discoversFeatures {
                if !roots.contains(model.featureRoot) { roots.append(model.featureRoot) }
                continue
            }
            var features: [ListedFeature] = []
            for (names, kind) in [(model.numeric, FeatureKind.numeric), (model.categorical, .categorical)] {
                for name in names {
                    features.append(ListedFeature(name: name, slot: paths.count, kind: kind))
                    paths.append(try Self.path("\(model.featureRoot).\(name)", key: "models.\(model.name)"))
                }
            }
            listed[model.name] = features
        }
        var memberPaths: [FieldPath] = []
        for root in roots { memberPaths.append(try Self.path(root, key: "feature_root")) }
        scanner = JSONScanner(fields: paths, members: memberPaths)
        self.listed = listed
        rootGroups = Dictionary(uniqueKeysWithValues: roots.enumerated().map { ($1, $0) })
    }

    private static func path(_ dotted: String, key: String) throws(ConfigError) -> FieldPath {
        guard let path = FieldPath(dotted) else {
            throw .invalidValue(
                path: "configuration", key: key, line: nil, expected: "a dotted JSON path", found: dotted)
        }
        return path
    }
}
