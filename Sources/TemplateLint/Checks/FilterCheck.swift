import AccessEvents
import Declarations
import WebhookModel

/// Types a webhook's filter against the event schema, and finds what can never match: values outside an enum or of
/// the wrong type, event types the webhook never receives, conditions that contradict each other.
struct FilterCheck {
    let declaration: Declaration
    let schema: EventSchema
    private(set) var diagnostics: [Diagnostic] = []
    /// Whether some condition can never hold, so no event passes the filter.
    private(set) var neverMatches = false

    init(_ declaration: Declaration, schema: EventSchema) {
        self.declaration = declaration
        self.schema = schema
        guard let filter = declaration.webhook.filter else { return }
        var typed: [Filter.Condition: Leaf] = [:]
        for (condition, negated) in filter.all.map({ ($0, false) }) + filter.none.map({ ($0, true) }) {
            if let leaf = resolve(condition, negated: negated) {
                typed[condition] = leaf
                checkValues(condition, leaf, negated: negated)
            }
        }
        checkContradictions(filter, typed: typed)
    }

    /// The scalar a path ends at, and whether it crossed an array on the way.
    struct Leaf {
        var node: SchemaNode
        var crossesArray: Bool
    }

    private func location(_ condition: Filter.Condition, negated: Bool, suffix: String = "") -> SourceLocation {
        let key = FilterRules.locationKey(condition.field, negated: negated)
        return declaration.location(of: key + suffix)
    }

    /// Walks the path through the schema (arrays crossed implicitly); an unknown member or an end at an object or
    /// array is an error at the path's key.
    private mutating func resolve(_ condition: Filter.Condition, negated: Bool) -> Leaf? {
        let path = condition.field.path
        var node = schema.root
        var crossesArray = false
        var walked: [String] = []
        func unwrap(_ node: SchemaNode) -> SchemaNode {
            var node = node
            while case .array(let items) = node.kind {
                node = items
                crossesArray = true
            }
            return node
        }
        for segment in path.split(separator: ".").map(String.init) {
            node = unwrap(node)
            let here = walked.isEmpty ? "the event" : walked.joined(separator: ".")
            guard case .object = node.kind else {
                report(
                    .error(
                        "filter.unknown-field",
                        "filter path \(path) goes through \(here), which is a \(node.typeName), not an object",
                        at: location(condition, negated: negated, suffix: "#key"),
                        notes: ["stop the path at \(here)"]))
                return nil
            }
            guard let property = node.property(segment) else {
                let suggestion = Suggestion.nearest(to: segment, in: node.propertyNames)
                let hint = suggestion.map { "; did you mean \((walked + [$0]).joined(separator: "."))?" } ?? ""
                report(
                    .error(
                        "filter.unknown-field", "filter path \(path): \(here) has no field \"\(segment)\"\(hint)",
                        at: location(condition, negated: negated, suffix: "#key"),
                        notes: ["fields of \(here): " + node.propertyNames.joined(separator: ", ")]))
                return nil
            }
            walked.append(segment)
            node = property.node
        }
        node = unwrap(node)
        guard node.isScalar else {
            let inside = node.propertyNames.map { path + "." + $0 }
            report(
                .error(
                    "filter.not-scalar",
                    "filter path \(path) ends at an \(node.typeName); a filter compares strings, numbers and booleans",
                    at: location(condition, negated: negated, suffix: "#key"),
                    notes: inside.isEmpty ? [] : ["for example: " + inside.prefix(3).joined(separator: ", ")]))
            return nil
        }
        return Leaf(node: node, crossesArray: crossesArray)
    }

    /// Values no event can have: outside an enum, not a number for a number, not `true`/`false` for a boolean, an
    /// `event_type` of a trigger the webhook does not subscribe to.
    private mutating func checkValues(_ condition: Filter.Condition, _ leaf: Leaf, negated: Bool) {
        var impossible: [(index: Int, why: String, notes: [String])] = []
        let receivable = Set(declaration.webhook.triggers.map(\.eventType))
        for (index, value) in condition.values.enumerated() {
            switch leaf.node.kind {
            case .string(let allowed?) where !condition.field.isGlob:
                if !allowed.contains(value) {
                    let near = Suggestion.nearest(to: value, in: allowed).map { ["did you mean \"\($0)\"?"] } ?? []
                    impossible.append((index, "is not one of \(allowed.joined(separator: ", "))", near))
                } else if condition.field.path == "event_type", !receivable.contains(value) {
                    impossible.append(
                        (index, "is an event this webhook never receives", ["add its trigger, or remove the value"]))
                }
            case .number where Double(value) == nil:
                impossible.append((index, "is not a number, and \(condition.field.path) is one", []))
            case .boolean where value != "true" && value != "false":
                impossible.append((index, "is not true or false, and \(condition.field.path) is a boolean", []))
            default:
                break
            }
        }
        let key = FilterRules.locationKey(condition.field, negated: negated)
        for (index, why, notes) in impossible {
            let whole = impossible.count == condition.values.count
            let consequence =
                negated
                ? "so it excludes nothing"
                : whole ? "so no event passes this filter" : "so it never matches (the other values still can)"
            report(
                .warning(
                    "filter.never-matches", "\(key) value \"\(condition.values[index])\" \(why), \(consequence)",
                    at: declaration.location(of: "\(key)[\(index)]"), notes: notes))
        }
        if !negated, !impossible.isEmpty, impossible.count == condition.values.count { neverMatches = true }
    }

    /// A condition its `not:` excludes entirely (every value is excluded there too), and two conditions on one
    /// single-valued field (no array on its path) that share no value.
    private mutating func checkContradictions(_ filter: Filter, typed: [Filter.Condition: Leaf]) {
        for positive in filter.all {
            for negative in filter.none where negative.field.path == positive.field.path {
                guard positive.values.allSatisfy({ Self.covers(negative, $0, glob: positive.field.isGlob) })
                else { continue }
                neverMatches = true
                let key = FilterRules.locationKey(positive.field, negated: false)
                let notKey = FilterRules.locationKey(negative.field, negated: true)
                report(
                    .warning(
                        "filter.never-matches",
                        "\(key) is contradicted by \(notKey), which excludes every value it lists; "
                            + "no event passes this filter",
                        at: location(positive, negated: false),
                        notes: ["\(notKey) is at \(location(negative, negated: true))"]))
            }
        }
        for (i, first) in filter.all.enumerated() {
            for second in filter.all.dropFirst(i + 1) where second.field.path == first.field.path {
                guard let leaf = typed[first], !leaf.crossesArray, !first.field.isGlob, !second.field.isGlob,
                    Set(first.values).isDisjoint(with: second.values)
                else { continue }
                neverMatches = true
                report(
                    .warning(
                        "filter.never-matches",
                        "\(FilterRules.locationKey(second.field, negated: false)) and "
                            + "\(FilterRules.locationKey(first.field, negated: false)) both test \(first.field.path), "
                            + "which has one value, and share no value; no event passes this filter",
                        at: location(second, negated: false)))
            }
        }
    }

    /// Whether a `not:` condition excludes every event that `value` would match. For patterns: the excluding
    /// pattern, with `*` only, matches the pattern's own text (its wildcards as plain characters), which is sound.
    static func covers(_ negative: Filter.Condition, _ value: String, glob: Bool) -> Bool {
        guard glob, negative.field.isGlob else { return negative.values.contains(value) }
        return negative.values.contains { pattern in
            pattern == value || (!pattern.contains("?") && EmailGlob(pattern: pattern).matches(value))
        }
    }

    private mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
}
