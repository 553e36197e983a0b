import JSON

/// Compares two JSON texts by value: the paths whose values differ, were added or were removed.
///
/// Used for the body: the template rendered for the sample event before and after, so a reordering or whitespace
/// change in the template that yields the same JSON shows no change, and a real one shows the JSON path.
public enum JSONSemanticDiff {
    /// The changes, as field changes with JSONPath-like paths (`$.request.id`, `$.resources[0]`).
    /// A side that is not valid JSON is reported as one change of `$` with a note.
    public static func diff(old: String, new: String) -> [FieldChange] {
        let before = parse(old)
        let after = parse(new)
        switch (before, after) {
        case (.some(let a), .some(let b)):
            var changes: [FieldChange] = []
            walk("$", a, b, into: &changes)
            return changes
        default:
            if old == new { return [] }
            return [
                FieldChange(
                    path: "$", old: before == nil ? "(not valid JSON)" : "(valid JSON)",
                    new: after == nil ? "(not valid JSON)" : "(valid JSON)")
            ]
        }
    }

    private static func parse(_ text: String) -> JSONValue? {
        try? JSONValue(parsing: text)
    }

    private static func walk(_ path: String, _ a: JSONValue, _ b: JSONValue, into changes: inout [FieldChange]) {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            for key in Set(x.keys).union(y.keys).sorted() {
                let child = path + (isIdentifier(key) ? ".\(key)" : "[\(text(.string(key)))]")
                switch (x[key], y[key]) {
                case (let u?, let v?): walk(child, u, v, into: &changes)
                case (let u?, nil): changes.append(FieldChange(path: child, old: text(u), new: nil))
                case (nil, let v?): changes.append(FieldChange(path: child, old: nil, new: text(v)))
                case (nil, nil): break
                }
            }
        case (.array(let x), .array(let y)):
            for i in 0..<max(x.count, y.count) {
                let child = "\(path)[\(i)]"
                if i < x.count, i < y.count {
                    walk(child, x[i], y[i], into: &changes)
                } else if i < x.count {
                    changes.append(FieldChange(path: child, old: text(x[i]), new: nil))
                } else {
                    changes.append(FieldChange(path: child, old: nil, new: text(y[i])))
                }
            }
        default:
            let (u, v) = (text(a), text(b))
            if u != v { changes.append(FieldChange(path: path, old: u, new: v)) }
        }
    }

    /// Canonical JSON text of a value (sorted keys).
    static func text(_ value: JSONValue) -> String { value.sortedJSONText }

    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }
}
