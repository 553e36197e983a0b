public import JSON

/// One top-level key of a webhook declaration as the declaration schema describes it: its name, whether it is
/// required, the description editors show on hover, and the JSON Schema of its value.
public struct DeclarationKey: Sendable {
    public var name: String
    public var required: Bool
    public var description: String
    /// The value's schema, without its description (``DeclarationSchema`` adds it).
    public var schema: JSONValue

    public init(_ name: String, required: Bool = false, _ description: String, _ schema: JSONValue) {
        self.name = name
        self.required = required
        self.description = description
        self.schema = schema
    }
}
