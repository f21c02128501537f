/// Validates a line as JSON and extracts the values at a fixed set of field paths, in one pass.
///
/// The paths are compiled once into a trie of keys; scanning walks the line once, validating
/// all of it against RFC 8259 — no trailing characters, no bad escapes or raw control characters
/// in strings, no leading zeros, no unpaired surrogates in `\u` escapes, only well-formed UTF-8,
/// nesting at most ``maximumDepth`` deep — and records a value only where a path leads.
/// Numbers are converted only where recorded.
///
/// Duplicate keys: the last occurrence wins for field paths (RFC 8259 leaves this open);
/// member enumeration reports every occurrence in document order, so inserting them into a
/// dictionary in order also lets the last one win.
///
/// ```swift
/// let scanner = JSONScanner(fields: [FieldPath("ts")!], members: [FieldPath("features")!])
/// var fields = scanner.makeFields()
/// if scanner.scan(line, into: &fields) == .ok { … fields.values[0] … fields.members … }
/// ```
public struct JSONScanner: Sendable {
    /// The deepest nesting of objects and arrays accepted; the top-level object counts as 1.
    public static let maximumDepth = 64

    /// A trie node; `edgeStart..<edgeStart + edgeCount` indexes its children in `edges`.
    struct Node: Sendable {
        var edgeStart: Int
        var edgeCount: Int
        /// The index in `values` of the field path ending here, or -1.
        var slot: Int
        /// The index of the member path ending here, or -1.
        var group: Int
    }

    /// A trie edge: the key `keyBytes[keyStart..<keyStart + keyLength]` leads to node `child`.
    struct Edge: Sendable {
        var keyStart: Int
        var keyLength: Int
        var child: Int
    }

    /// The field paths, in the order of ``JSONFields/values``.
    public let fieldPaths: [FieldPath]
    /// The object paths whose members are all reported, in the order of ``JSONMember/group``.
    public let memberPaths: [FieldPath]

    let nodes: [Node]
    let edges: [Edge]
    let keyBytes: [UInt8]
    /// Repeated field paths: `values[alias.copy] = values[alias.from]` after a scan.
    let aliases: [(from: Int, copy: Int)]
    /// This scanner's identity (shared by its copies, which have the same trie).
    let identity = Identity()

    /// Compiles the paths to extract.
    ///
    /// - Parameters:
    ///   - fields: paths whose values fill ``JSONFields/values``, in this order.
    ///   - members: paths of objects each of whose members is reported in ``JSONFields/members``
    ///     (e.g. `features`); a repeated path reports under the group of its first occurrence.
    /// - Complexity: O(total length of the paths).
    public init(fields: [FieldPath], members: [FieldPath] = []) {
        fieldPaths = fields
        memberPaths = members
        var builder = TrieBuilder()
        var aliases: [(from: Int, copy: Int)] = []
        for (index, path) in fields.enumerated() {
            let node = builder.insert(path)
            if builder.slots[node] < 0 {
                builder.slots[node] = index
            } else {
                aliases.append((builder.slots[node], index))
            }
        }
        for (index, path) in members.enumerated() {
            let node = builder.insert(path)
            if builder.groups[node] < 0 { builder.groups[node] = index }
        }
        (nodes, edges, keyBytes) = builder.flattened()
        self.aliases = aliases
    }

    /// Creates a result buffer sized for this scanner, to reuse across lines.
    public func makeFields() -> JSONFields { JSONFields(count: fieldPaths.count) }

    /// Scans one line (without its newline), filling `fields`.
    ///
    /// Never traps and never throws, whatever the bytes. On `.bad`, every value is `.missing`
    /// and no member is reported.
    /// - Returns: `.ok`, or why the line is unusable (`empty`, `invalid_json`, `invalid_utf8`,
    ///   `nesting_too_deep`, `not_an_object`).
    /// Reusing `fields` for the lines of one producer lets keys repeated in the same places be
    /// matched by their bytes instead of scanned (``JSONKeyCache``); results never depend on it.
    /// - Complexity: O(`line.count`); no allocation once `fields` has grown to its need.
    public func scan(_ line: UnsafeRawBufferPointer, into fields: inout JSONFields) -> JSONScanResult {
        fields.reset()
        if fields.values.count != fieldPaths.count { fields = makeFields() }
        guard let start = line.baseAddress, line.count > 0 else { return .bad(.empty) }
        let base = start.assumingMemoryBound(to: UInt8.self)
        fields.keyCache.beginLine(owner: identity, bytes: &fields.keyBytes)
        if fields.memberStaging.isEmpty { fields.memberStaging = JSONFields.stagingBuffer() }
        // The parser works through pointers to everything it only reads or overwrites in place
        // (no reference counting, no uniqueness checks per value); what grows is moved into it.
        let result = fields.keyBytes.withUnsafeBufferPointer { keys in
            fields.keyCache.template.withUnsafeBufferPointer { template in
                fields.memberStaging.withUnsafeMutableBufferPointer { staging in
                    fields.values.withUnsafeMutableBufferPointer { values in
                        nodes.withUnsafeBufferPointer { nodes in
                            edges.withUnsafeBufferPointer { edges in
                                keyBytes.withUnsafeBufferPointer { trieKeys in
                                    var parser = JSONParser(
                                        base: base, count: line.count,
                                        trie: .init(nodes: nodes, edges: edges, keys: trieKeys),
                                        cache: .init(keys: keys, template: template),
                                        values: values, staging: staging)
                                    swap(&parser.members, &fields.members)
                                    swap(&parser.scratch, &fields.scratch)
                                    swap(&parser.progress, &fields.keyCache.progress)
                                    let result = parser.parseDocument()
                                    parser.flushMembers()
                                    swap(&parser.members, &fields.members)
                                    swap(&parser.scratch, &fields.scratch)
                                    swap(&parser.progress, &fields.keyCache.progress)
                                    return result
                                }
                            }
                        }
                    }
                }
            }
        }
        fields.keyCache.endLine(ok: result == .ok, line: base, bytes: &fields.keyBytes)
        if case .bad = result {
            fields.reset()
        } else {
            for alias in aliases { fields.values[alias.copy] = fields.values[alias.from] }
        }
        return result
    }
}

extension JSONScanner {
    /// Tells scanners apart: a ``JSONKeyCache`` holds trie nodes of the scanner it was filled by.
    final class Identity: Sendable {}
}

/// Builds the key trie with nested arrays, then flattens it into contiguous storage.
private struct TrieBuilder {
    var children: [[(key: [UInt8], node: Int)]] = [[]]
    var slots: [Int] = [-1]
    var groups: [Int] = [-1]

    mutating func insert(_ path: FieldPath) -> Int {
        var node = 0
        for component in path.components {
            let key = Array(component.utf8)
            if let next = children[node].first(where: { $0.key == key })?.node {
                node = next
            } else {
                children.append([])
                slots.append(-1)
                groups.append(-1)
                children[node].append((key, children.count - 1))
                node = children.count - 1
            }
        }
        return node
    }

    func flattened() -> ([JSONScanner.Node], [JSONScanner.Edge], [UInt8]) {
        var nodes: [JSONScanner.Node] = []
        var edges: [JSONScanner.Edge] = []
        var keyBytes: [UInt8] = []
        for (index, list) in children.enumerated() {
            nodes.append(.init(edgeStart: edges.count, edgeCount: list.count, slot: slots[index], group: groups[index]))
            for (key, child) in list {
                edges.append(.init(keyStart: keyBytes.count, keyLength: key.count, child: child))
                keyBytes += key
            }
        }
        return (nodes, edges, keyBytes)
    }
}
