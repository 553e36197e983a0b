import WebhookModel
import Yams

/// Splits one file's text into YAML documents, turning every libyaml failure into a positioned finding.
struct YAMLDocuments {
    /// A parsed document: its root node and where it starts.
    struct Document {
        let root: Node
        let start: SourceLocation
    }

    private(set) var documents: [Document] = []
    private(set) var diagnostics: [Diagnostic] = []

    init(_ source: SourceText) {
        if let aliasUse = AliasGuard.firstAliasUse(in: source.text) {
            diagnostics.append(
                .error(
                    "yaml.alias", "YAML aliases (*\(aliasUse.name)) are not supported in webhook declarations",
                    at: SourceLocation(file: source.file, line: aliasUse.line, column: aliasUse.column),
                    notes: ["write the value out in full; each webhook is its own document"]))
            return
        }
        do {
            let parser = try Parser(yaml: source.text)
            while let root = try parser.nextRoot() {
                let start = SourceLocation(
                    file: source.file, line: root.mark?.line ?? 1, column: root.mark?.column ?? 1)
                let tags = TagGuard.conflictingTags(in: root, text: source.text)
                guard tags.isEmpty else {
                    diagnostics += tags.map { Self.diagnostic(for: $0, in: source) }
                    continue
                }
                documents.append(Document(root: root, start: start))
            }
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(for: error, in: source))
        } catch {
            diagnostics.append(
                .error("yaml.syntax", "\(error)", at: SourceLocation(file: source.file, line: 1, column: 1)))
        }
    }

    /// A tagged value is left out with its document: what the tag means and what hookctl would read differ.
    static func diagnostic(for tag: TagGuard.Finding, in source: SourceText) -> Diagnostic {
        .error(
            "yaml.tag",
            "the YAML tag \(tag.tag) on \(tag.kind) is not supported; hookctl reads each value as it is written",
            at: SourceLocation(file: source.file, line: tag.mark?.line ?? 1, column: tag.mark?.column ?? 1),
            notes: ["remove the tag; to make a value a string, quote it, as in \"true\""])
    }

    static func diagnostic(for error: YamlError, in source: SourceText) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            let (line, column) = clamped(line: mark.line, column: mark.column, in: source.text)
            return SourceLocation(file: source.file, line: line, column: column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if let tab = tabInIndentation(line: mark.line, in: source.text) {
                return .error(
                    "yaml.tab", "a tab is used for indentation; YAML indents with spaces only",
                    at: SourceLocation(file: source.file, line: mark.line, column: tab),
                    notes: ["replace the tab with spaces"])
            }
            // At the end of the file, the place that opened the unfinished construct is the one to fix.
            if let context, problem.contains("end of stream") {
                return .error(
                    "yaml.syntax", "YAML syntax error: \(problem) \(context.text)", at: at(context.mark),
                    notes: ["the file ends before this is closed"])
            }
            // libyaml's own words name its C API ("set with yaml_set_max_nest_level()").
            if problem.hasPrefix("Maximum nesting level reached") {
                return .error(
                    "yaml.syntax", "YAML nested too deeply: the YAML reader stops at its nesting limit", at: at(mark),
                    notes: ["a declaration needs a few levels of nesting; check for runaway [ or { here"])
            }
            var notes: [String] = []
            if let context {
                let (line, column) = clamped(line: context.mark.line, column: context.mark.column, in: source.text)
                notes.append("\(context.text) at \(line):\(column)")
            }
            return .error("yaml.syntax", "YAML syntax error: \(problem)", at: at(mark), notes: notes)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? "?"
            let first = at(context.mark)
            let repeated = repeatedKey(key, after: first, in: source.text) ?? first
            return .error(
                "yaml.duplicate-key", "key \"\(key)\" is repeated in this mapping", at: repeated,
                notes: repeated == first ? [] : ["first written at \(first)"])
        case .reader(let problem, _, _, _):
            return .error(
                "file.encoding", "cannot read the file: \(problem)",
                at: SourceLocation(file: source.file, line: 1, column: 1))
        default:
            return .error("yaml.syntax", "\(error)", at: SourceLocation(file: source.file, line: 1, column: 1))
        }
    }

    /// A place inside the text: at the end of a file without a final line break libyaml reports the line after the
    /// last one, which no editor can go to; that is the end of the last line.
    static func clamped(line: Int, column: Int, in text: String) -> (line: Int, column: Int) {
        guard lineText(line, in: text) == nil, line > 1, let last = lineText(line - 1, in: text) else {
            return (line, column)
        }
        return (line - 1, last.count + 1)
    }

    /// The 1-based column of a tab among the leading whitespace of `line`, if any.
    static func tabInIndentation(line: Int, in text: String) -> Int? {
        guard let content = lineText(line, in: text) else { return nil }
        var column = 1
        for scalar in content.unicodeScalars {
            if scalar == "\t" { return column }
            guard scalar == " " else { return nil }
            column += 1
        }
        return nil
    }

    /// Where `key` appears again in the block mapping in which it is first written at `first`, written plain or
    /// quoted either way.
    static func repeatedKey(_ key: String, after first: SourceLocation, in text: String) -> SourceLocation? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line - 1 < lines.count else { return nil }
        let indent = first.column - 1
        for number in first.line..<lines.count {
            let scalars = Array(lines[number].unicodeScalars)
            let leading = scalars.prefix { $0 == " " }.count
            let rest = scalars.dropFirst(leading)
            if rest.isEmpty || rest.first == "#" { continue }
            if leading < indent || (leading == 0 && rest.starts(with: "---".unicodeScalars)) { return nil }
            if leading == indent, keyToken(Array(rest)).map(unquoted) == key {
                return SourceLocation(file: first.file, line: number + 1, column: first.column)
            }
        }
        return nil
    }

    private static func keyToken(_ scalars: [Unicode.Scalar]) -> String? {
        for i in scalars.indices where scalars[i] == ":" && (i + 1 == scalars.count || scalars[i + 1] == " ") {
            return String(String.UnicodeScalarView(scalars[..<i])).trimmingSpaces
        }
        return nil
    }

    /// A key token without its quotes: `"a"` and `'a'` are the key `a` (escapes are rare in keys and not read).
    private static func unquoted(_ token: String) -> String {
        guard token.count >= 2, let quote = token.first, quote == "\"" || quote == "'", token.last == quote else {
            return token
        }
        return String(token.dropFirst().dropLast())
    }

    static func lineText(_ line: Int, in text: String) -> Substring? {
        var current = 1
        var start = text.startIndex
        while current < line {
            guard let newline = text[start...].firstIndex(of: "\n") else { return nil }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(of: "\n") ?? text.endIndex
        return text[start..<end]
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars[...]
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
