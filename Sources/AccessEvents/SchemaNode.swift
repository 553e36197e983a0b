/// One node of the event schema, as the linter and the validator need it: a type, whether null is allowed,
/// and for objects their properties.
public struct SchemaNode: Sendable, Hashable {
    /// The JSON type of a node.
    public indirect enum Kind: Sendable, Hashable {
        case object([Property])
        case array(items: SchemaNode)
        /// A string; `allowed` lists the only accepted values when the schema has an `enum`.
        case string(allowed: [String]?)
        case number
        case boolean
    }

    /// A named member of an object node.
    public struct Property: Sendable, Hashable {
        public var name: String
        public var node: SchemaNode
        /// Whether every valid event has this member (it may still be `null` when `node.isNullable`).
        public var isRequired: Bool
    }

    public var kind: Kind
    public var isNullable: Bool
    public var description: String?

    /// The member named `name`, when this is an object node that declares it.
    public func property(_ name: String) -> Property? {
        guard case .object(let properties) = kind else { return nil }
        return properties.first { $0.name == name }
    }

    /// The names of this object node's members, in schema order (empty for other kinds).
    public var propertyNames: [String] {
        guard case .object(let properties) = kind else { return [] }
        return properties.map(\.name)
    }

    /// A short type name for messages: `object`, `array`, `string`, `number`, `boolean`, with `or null`.
    public var typeName: String {
        let base: String
        switch kind {
        case .object: base = "object"
        case .array: base = "array"
        case .string(let allowed?): base = "one of " + allowed.joined(separator: ", ")
        case .string: base = "string"
        case .number: base = "number"
        case .boolean: base = "boolean"
        }
        return isNullable ? "\(base) or null" : base
    }

    /// Whether the value is a scalar (string, number or boolean) rather than an object or array.
    public var isScalar: Bool {
        switch kind {
        case .object, .array: false
        case .string, .number, .boolean: true
        }
    }
}
