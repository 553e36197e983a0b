import WebhookModel

extension ExportYAML {
    /// The `filter:` block as a declaration writes it: named conditions, `fields:`, then `not:`.
    static func filter(_ filter: Filter?) -> [String] {
        guard let filter, !filter.isEmpty else { return [] }
        var lines = ["filter:"]
        lines += conditions(filter.all, indent: "  ")
        if !filter.none.isEmpty {
            lines.append("  not:")
            lines += conditions(filter.none, indent: "    ")
        }
        return lines
    }

    private static func conditions(_ conditions: [Filter.Condition], indent: String) -> [String] {
        var lines: [String] = []
        var paths: [String] = []
        for condition in conditions {
            let values = "[" + condition.values.map { scalar($0) }.joined(separator: ", ") + "]"
            switch condition.field {
            case .named(let named): lines.append("\(indent)\(named.rawValue): \(values)")
            case .path(let path): paths.append("\(indent)  \(scalar(path)): \(values)")
            }
        }
        if !paths.isEmpty { lines += ["\(indent)fields:"] + paths }
        return lines
    }
}
