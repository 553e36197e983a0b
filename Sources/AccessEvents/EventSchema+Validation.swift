public import JSON

/// One way an event does not match the schema, at a JSON path such as `data.approvals[1].status`.
public struct EventProblem: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path.isEmpty ? "the event" : path): \(message)" }

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}

extension EventSchema {
    /// Checks an event against the schema; at most `limit` problems, in document order. Unknown members are allowed
    /// (events may grow new fields); missing required members, wrong types and values outside an enum are not.
    public func validate(_ event: JSONValue, limit: Int = 50) -> [EventProblem] {
        var problems: [EventProblem] = []
        check(event, against: root, path: "", problems: &problems, limit: limit)
        return problems
    }

    private func check(
        _ value: JSONValue, against node: SchemaNode, path: String, problems: inout [EventProblem], limit: Int
    ) {
        guard problems.count < limit else { return }
        if case .null = value {
            if !node.isNullable {
                problems.append(EventProblem(path: path, message: "must be \(node.typeName); got null"))
            }
            return
        }
        switch (node.kind, value) {
        case (.object(let properties), .object(let object)):
            for property in properties {
                let childPath = path.isEmpty ? property.name : "\(path).\(property.name)"
                if let member = object[property.name] {
                    check(member, against: property.node, path: childPath, problems: &problems, limit: limit)
                } else if property.isRequired, problems.count < limit {
                    problems.append(EventProblem(path: childPath, message: "is required (\(property.node.typeName))"))
                }
            }
        case (.array(let items), .array(let elements)):
            for (index, element) in elements.enumerated() {
                check(element, against: items, path: "\(path)[\(index)]", problems: &problems, limit: limit)
            }
        case (.string(let allowed), .string(let text)):
            if let allowed, !allowed.contains(text) {
                problems.append(
                    EventProblem(
                        path: path, message: "must be one of \(allowed.joined(separator: ", ")); got \"\(text)\""))
            }
        case (.number, .number), (.boolean, .bool):
            break
        default:
            problems.append(EventProblem(path: path, message: "must be \(node.typeName); got \(value.typeName)"))
        }
    }
}

extension JSONValue {
    /// The JSON type name: `object`, `array`, `string`, `number`, `boolean` or `null`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
