import JSON

/// The access-request event's schema, parsed from its JSON Schema document into a tree of `SchemaNode`s.
public struct EventSchema: Sendable {
    public let root: SchemaNode

    /// The schema shipped with hookctl (`EventSchema.document`).
    public static let standard: EventSchema = {
        do {
            return try EventSchema(parsing: document)
        } catch {
            preconditionFailure("the bundled event schema is invalid: \(error)")
        }
    }()

    /// Reads the subset of JSON Schema that describes plain JSON data: `type` (one or a list with `null`), `enum`,
    /// `properties` with `required`, `items`, `$ref` to `#/$defs/…`, and `anyOf` of one schema and `{"type": "null"}`.
    public init(parsing text: String) throws(SchemaError) {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: text)
        } catch {
            throw SchemaError("the schema is not JSON: \(error)")
        }
        var definitions: [String: JSONValue] = [:]
        if case .object(let defs)? = document["$defs"] {
            for (name, value) in defs.members { definitions[name] = value }
        }
        root = try SchemaReader(definitions: definitions).node(document, path: "#")
    }
}

/// Why a schema document could not be read.
public struct SchemaError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Turns JSON Schema objects into `SchemaNode`s, following `$ref`s.
private struct SchemaReader {
    let definitions: [String: JSONValue]

    func node(_ schema: JSONValue, path: String, depth: Int = 0) throws(SchemaError) -> SchemaNode {
        guard depth < 64 else { throw SchemaError("\(path): $ref nesting is too deep (a cycle?)") }
        let description = schema["description"]?.stringValue
        if let reference = schema["$ref"]?.stringValue {
            let prefix = "#/$defs/"
            guard reference.hasPrefix(prefix), let target = definitions[String(reference.dropFirst(prefix.count))]
            else {
                throw SchemaError("\(path): unresolved $ref \(reference)")
            }
            var resolved = try node(target, path: reference, depth: depth + 1)
            resolved.description = description ?? resolved.description
            return resolved
        }
        if case .array(let options)? = schema["anyOf"] {
            let nonNull = options.filter { $0["type"]?.stringValue != "null" }
            guard nonNull.count == 1 else {
                throw SchemaError("\(path): anyOf must be one schema and {\"type\": \"null\"}")
            }
            var inner = try node(nonNull[0], path: path + "/anyOf", depth: depth + 1)
            inner.isNullable = inner.isNullable || nonNull.count < options.count
            inner.description = description ?? inner.description
            return inner
        }
        if case .array(let values)? = schema["enum"] {
            let allowed = values.compactMap(\.stringValue)
            guard allowed.count == values.count else { throw SchemaError("\(path): only string enums are supported") }
            return SchemaNode(kind: .string(allowed: allowed), isNullable: false, description: description)
        }
        var types: [String] = []
        switch schema["type"] {
        case .string(let type)?: types = [type]
        case .array(let list)?: types = list.compactMap(\.stringValue)
        default: throw SchemaError("\(path): a schema needs a type, an enum, a $ref or an anyOf")
        }
        let isNullable = types.contains("null")
        let nonNull = types.filter { $0 != "null" }
        guard nonNull.count == 1 else { throw SchemaError("\(path): one type (besides null) per schema") }
        switch nonNull[0] {
        case "object":
            var required: Set<String> = []
            if case .array(let names)? = schema["required"] { required = Set(names.compactMap(\.stringValue)) }
            var properties: [SchemaNode.Property] = []
            if case .object(let members)? = schema["properties"] {
                for (name, value) in members.members {
                    let child = try node(value, path: "\(path)/properties/\(name)", depth: depth + 1)
                    properties.append(SchemaNode.Property(name: name, node: child, isRequired: required.contains(name)))
                }
            }
            return SchemaNode(kind: .object(properties), isNullable: isNullable, description: description)
        case "array":
            guard let items = schema["items"] else { throw SchemaError("\(path): an array needs items") }
            let itemNode = try node(items, path: path + "/items", depth: depth + 1)
            return SchemaNode(kind: .array(items: itemNode), isNullable: isNullable, description: description)
        case "string": return SchemaNode(kind: .string(allowed: nil), isNullable: isNullable, description: description)
        case "number", "integer": return SchemaNode(kind: .number, isNullable: isNullable, description: description)
        case "boolean": return SchemaNode(kind: .boolean, isNullable: isNullable, description: description)
        default: throw SchemaError("\(path): unsupported type \(nonNull[0])")
        }
    }
}
