public import JSON
public import WebhookModel

extension Filter {
    /// Whether `event` passes: every condition of `all` holds and none of `none` does.
    public func matches(_ event: JSONValue) -> Bool {
        all.allSatisfy { $0.holds(for: event) } && !none.contains { $0.holds(for: event) }
    }

    /// Why `event` does not pass, one line per failing condition (empty when it passes): for `render` and `test`.
    public func reasons(rejecting event: JSONValue) -> [String] {
        let missing = all.filter { !$0.holds(for: event) }.map { condition in
            let found = Self.distinct(Filter.values(at: condition.field.path, in: event).compactMap(\.filterText))
            let has = found.isEmpty ? "the event has none" : "the event has " + Self.list(found)
            return "\(condition.field.key) must be \(condition.valuesPhrase); \(has)"
        }
        let excluded = none.filter { $0.holds(for: event) }.map { condition in
            "not: \(condition.field.key) must not be \(condition.valuesPhrase); the event has "
                + Self.list(Self.distinct(condition.matchingValues(in: event)))
        }
        return missing + excluded
    }

    /// The scalar values at a dotted `path` of `value`, crossing arrays on the way (and at the end).
    public static func values(at path: String, in value: JSONValue) -> [JSONValue] {
        var current = [value]
        for segment in path.split(separator: ".") {
            current = current.flatMap { node -> [JSONValue] in
                guard let member = node[String(segment)] else { return [] }
                if case .array(let elements) = member { return elements }
                return [member]
            }
        }
        return current.flatMap { node -> [JSONValue] in
            if case .array(let elements) = node { return elements }
            return [node]
        }
    }

    static func distinct(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    static func list(_ values: [String]) -> String {
        values.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}

extension Filter.Condition {
    /// Whether a value of `event` at the field's path equals one of the values (for `requester_email`, matches one
    /// of the patterns).
    public func holds(for event: JSONValue) -> Bool {
        Filter.values(at: field.path, in: event).contains { found in accepts(found) }
    }

    /// Whether one scalar of the event matches a value: a string exactly (a glob ignoring case for
    /// `requester_email`), a number by its value, a boolean as `true` or `false`. `null`, objects and arrays never do.
    public func accepts(_ found: JSONValue) -> Bool {
        switch found {
        case .string(let text):
            if field.isGlob { return values.contains { EmailGlob(pattern: $0).matches(text) } }
            return values.contains(text)
        case .number(let number):
            return values.contains { Double($0) == number }
        case .bool(let flag):
            return values.contains(String(flag))
        case .null, .array, .object:
            return false
        }
    }

    func matchingValues(in event: JSONValue) -> [String] {
        Filter.values(at: field.path, in: event).filter(accepts).compactMap(\.filterText)
    }

    var valuesPhrase: String {
        values.count == 1 ? Filter.list(values) : "one of " + Filter.list(values)
    }
}

extension JSONValue {
    /// A scalar as a filter value is written: strings as they are, numbers in JSON, booleans as `true`/`false`.
    var filterText: String? {
        switch self {
        case .string(let text): text
        case .number, .bool: jsonText
        case .null, .array, .object: nil
        }
    }
}
