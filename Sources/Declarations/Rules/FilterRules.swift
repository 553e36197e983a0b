package import WebhookModel

/// What a `filter:` block may say: its keys, the form of a `fields:` path and of a `requester_email` glob.
package enum FilterRules {
    /// The keys of `filter:`; `not:` takes the same but `not`.
    package static let keys = Filter.NamedField.allCases.map(\.rawValue) + ["fields", "not"]
    package static let negatedKeys = Filter.NamedField.allCases.map(\.rawValue) + ["fields"]

    /// Why a `fields:` path is not a dotted path of names, or `nil` when it is one.
    package static func pathProblem(_ path: String) -> (message: String, notes: [String])? {
        let example = "for example: data.requester.id"
        guard !path.isEmpty else { return ("a fields path is empty", [example]) }
        if path.contains("[") || path.contains("]") {
            return (
                "fields path \"\(path)\" indexes an array",
                [
                    "arrays are crossed implicitly and match when any element does: write the path without [ ], "
                        + "e.g. data.access_groups.integration.id"
                ]
            )
        }
        if path.hasPrefix("@") || path.hasPrefix("../") || path == "this" || path.hasPrefix("this.") {
            return ("fields path \"\(path)\" is a template path; a filter path starts at the event's root", [example])
        }
        for segment in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard !segment.isEmpty else {
                return ("fields path \"\(path)\" has an empty segment", ["separate names with single dots; \(example)"])
            }
            guard segment.unicodeScalars.allSatisfy({ isNameScalar($0) }) else {
                return (
                    "fields path \"\(path)\" contains \"\(segment)\", which is not a field name",
                    ["a path is field names (letters, digits, _) joined by dots; \(example)"]
                )
            }
        }
        return nil
    }

    /// Why a `requester_email` glob is refused, or `nil` when it is a valid one.
    package static func globProblem(_ pattern: String) -> String? {
        if pattern.isEmpty { return "an empty pattern matches no email address" }
        if let bad = pattern.unicodeScalars.first(where: { "[]{}\\!".unicodeScalars.contains($0) }) {
            return "\"\(bad)\" is not supported in patterns; only * (any characters) and ? (one character) are"
        }
        if pattern.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) {
            return "a pattern cannot contain spaces or control characters"
        }
        if pattern.filter({ $0 == "@" }).count > 1 {
            return "a pattern has at most one @ (an email address has one)"
        }
        return nil
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
    }

    /// The `fieldLocations` key of a condition: `filter.integration_type`, `filter.not.fields.data.requester.id`;
    /// `#key` after it is the key's position, `[i]` the position of its i-th value.
    package static func locationKey(_ field: Filter.Field, negated: Bool) -> String {
        let prefix = negated ? "filter.not." : "filter."
        switch field {
        case .named(let named): return prefix + named.rawValue
        case .path(let path): return prefix + "fields." + path
        }
    }
}
