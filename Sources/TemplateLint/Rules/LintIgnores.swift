/// `# hookctl-lint-ignore rule-id[, rule-id…]` comments: on the line above a key, they silence those rules for the
/// webhook declared in that YAML document.
struct LintIgnores {
    /// A comment: the 1-based line of the key below it and the rule ids it names.
    struct Comment {
        var line: Int
        var column: Int
        var rules: [String]
    }

    let comments: [Comment]

    init(fileText: String) {
        var comments: [Comment] = []
        for (index, line) in fileText.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("#") else { continue }
            let body = trimmed.dropFirst().drop { $0 == " " }
            guard body.hasPrefix("hookctl-lint-ignore") else { continue }
            let rules = body.dropFirst("hookctl-lint-ignore".count)
                .split { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\r" }.map(String.init)
            comments.append(Comment(line: index + 2, column: line.count - trimmed.count + 1, rules: rules))
        }
        self.comments = comments
    }

    /// The rule ids silenced for the document that starts at `start` and ends before `end` (lines, 1-based).
    func rules(forDocumentFrom start: Int, to end: Int) -> Set<String> {
        Set(comments.filter { $0.line >= start && $0.line < end }.flatMap(\.rules))
    }
}
