/// A dotted path to a field of the top-level JSON object, such as `features.amount`.
///
/// Each component is an object key matched byte for byte after unescaping; a key that itself
/// contains a dot cannot be addressed. Array elements are not addressable.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    /// The keys from the top-level object down, never empty, none of them empty.
    public let components: [String]

    /// Parses a dotted path; returns `nil` for an empty path or an empty component (`a..b`, `.a`).
    public init?(_ dotted: String) {
        self.init(components: dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
    }

    /// Creates a path from its keys; returns `nil` if there are none or one is empty.
    public init?(components: [String]) {
        guard !components.isEmpty, components.allSatisfy({ !$0.isEmpty }) else { return nil }
        self.components = components
    }

    /// The dotted form, e.g. `meta.model.name`.
    public var description: String { components.joined(separator: ".") }
}
