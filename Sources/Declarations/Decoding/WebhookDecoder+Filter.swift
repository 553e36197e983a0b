import WebhookModel
import Yams

extension WebhookDecoder {
    static let filterExample =
        "filter:\n  integration_type: [Postgresql]\n  not:\n    requester_email: [\"*@example.com\"]"

    /// Reads `filter:`: named conditions, `fields:` (event path → values) and a `not:` block of the same without
    /// `not`. Every value list is non-empty, without repeats; a single value may stand for a list of one.
    mutating func readFilter(_ node: Node) -> Filter? {
        guard let mapping = mapping(node, field: "filter", example: Self.filterExample) else { return nil }
        remember("filter", node)
        let before = diagnostics.filter { $0.severity == .error }.count
        var filter = Filter(all: readConditions(mapping, negated: false))
        if let entry = mapping.first(where: { $0.key.scalar?.string == "not" }) {
            remember("filter.not", entry.value)
            if let inner = self.mapping(
                entry.value, field: "filter.not", example: "  not:\n    integration: [staging db]")
            {
                filter.none = readConditions(inner, negated: true)
                if inner.isEmpty {
                    error(
                        "filter.empty", "filter.not is empty; it needs at least one condition", at: entry.value,
                        notes: ["accepted keys in filter.not: " + FilterRules.negatedKeys.joined(separator: ", ")])
                }
            }
        }
        if mapping.isEmpty {
            error(
                "filter.empty", "filter is empty; leave it out to receive every event of the triggers", at: node,
                notes: ["accepted keys in filter: " + FilterRules.keys.joined(separator: ", ")])
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        return errors == before ? filter : nil
    }

    private mutating func readConditions(_ mapping: Node.Mapping, negated: Bool) -> [Filter.Condition] {
        let block = negated ? "filter.not" : "filter"
        let allowed = negated ? FilterRules.negatedKeys : FilterRules.keys
        var named: [Filter.NamedField: Filter.Condition] = [:]
        var paths: [Filter.Condition] = []
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            if let field = Filter.NamedField(rawValue: name) {
                if let values = readValues(value, key: key, field: .named(field), negated: negated) {
                    named[field] = Filter.Condition(.named(field), values)
                }
            } else if name == "fields" {
                paths += readPaths(value, negated: negated)
            } else if name == "not", !negated {
                continue  // read by readFilter
            } else {
                var notes = ["accepted keys in \(block): " + allowed.joined(separator: ", ")]
                if name == "not" { notes.insert("a not: block cannot hold another not:", at: 0) }
                if name.contains(".") { notes.insert("an event path goes under fields: fields: {\(name): […]}", at: 0) }
                error(
                    "config.unknown-key",
                    "unknown filter condition \"\(name)\" in \(block)\(Suggestion.phrase(for: name, in: allowed))",
                    at: key, notes: notes)
            }
        }
        // Named conditions in their documented order, then the paths as written: reordering keys changes nothing.
        return Filter.NamedField.allCases.compactMap { named[$0] } + paths
    }

    private mutating func readPaths(_ node: Node, negated: Bool) -> [Filter.Condition] {
        let block = negated ? "filter.not.fields" : "filter.fields"
        guard
            let mapping = mapping(
                node, field: block, example: "  fields:\n    data.requester.id: [user-1, user-2]")
        else { return [] }
        if mapping.isEmpty {
            error(
                "filter.empty", "\(block) is empty; it needs at least one event path", at: node,
                notes: ["for example: fields: {data.requester.id: [user-1]}"])
        }
        var conditions: [Filter.Condition] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key, !key.isNull else {
                error("config.type", "a \(block) key must be an event path such as data.requester.id", at: key)
                continue
            }
            if let problem = FilterRules.pathProblem(scalar.string) {
                error("filter.path", problem.message, at: key, notes: problem.notes)
                continue
            }
            let field = Filter.Field.path(scalar.string)
            if let values = readValues(value, key: key, field: field, negated: negated) {
                conditions.append(Filter.Condition(field, values))
            }
        }
        return conditions
    }

    /// A condition's values: a list of scalars, or one scalar for a list of one.
    private mutating func readValues(_ node: Node, key: Node, field: Filter.Field, negated: Bool) -> [String]? {
        let path = FilterRules.locationKey(field, negated: negated)
        let shown = field.isGlob ? "[\"*@contractor.example\"]" : "[value, other value]"
        remember(path + "#key", key)
        remember(path, node)
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar where !node.isNull: items = [node]
        default:
            error(
                "config.type", "\(path) must be a value or a list of values; got \(node.kindDescription)", at: node,
                notes: ["for example: \(field.key): \(shown)"])
            return nil
        }
        guard !items.isEmpty else {
            error(
                "filter.empty", "\(path) is an empty list, which no event matches", at: node,
                notes: ["list at least one value, or leave the condition out: \(field.key): \(shown)"])
            return nil
        }
        var values: [String] = []
        var seen: [String: SourceLocation] = [:]
        var ok = true
        for (index, item) in items.enumerated() {
            guard case .scalar(let scalar) = item, !item.isNull else {
                error(
                    "config.type",
                    "each value of \(path) must be a string, number or boolean; "
                        + "got \(item.kindDescription)", at: item)
                ok = false
                continue
            }
            remember("\(path)[\(index)]", item)
            let value = scalar.string
            if value.isEmpty, !field.isGlob {
                error("filter.empty", "\(path) lists an empty value, which no event has", at: item)
                ok = false
                continue
            }
            if field.isGlob, let problem = FilterRules.globProblem(value) {
                error(
                    "filter.glob", "requester_email pattern \"\(value)\" is not valid: \(problem)", at: item,
                    notes: ["for example: \"*@contractor.example\" (quote a pattern that starts with *)"])
                ok = false
                continue
            }
            if let first = seen[value] {
                error(
                    "filter.duplicate", "\(path) lists \"\(value)\" twice", at: item,
                    notes: ["first listed at \(first)"])
                ok = false
                continue
            }
            seen[value] = location(of: item)
            values.append(value)
        }
        return ok ? values : nil
    }
}
