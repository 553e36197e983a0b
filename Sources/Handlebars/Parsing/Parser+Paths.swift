extension Parser {
    /// `ID (SEP ID)*`, prepared as handlebars.js `preparePath` does.
    mutating func parsePath(data: Bool, at start: SourcePosition? = nil) throws(TemplateError) -> AST.Path {
        let at = start ?? position(current)
        var original = data ? "@" : ""
        var parts: [String] = []
        var depth = 0
        var separator = ""
        while true {
            let token = try expect(.id, "a name")
            let part = Self.id(token.text)
            let isLiteral = part != token.text
            original += separator + part
            if !isLiteral && (part == ".." || part == "." || part == "this") {
                if !parts.isEmpty { throw TemplateError(.invalidPath(original), at: at) }
                if part == ".." { depth += 1 }
            } else {
                parts.append(part)
            }
            guard current.kind == .separator else { break }
            separator = current.text
            advance()
        }
        return AST.Path(isData: data, depth: depth, parts: parts, original: original, position: at)
    }

    /// handlebars.js `id()`: strips `[` `]` when the token is bracketed (and has no line break,
    /// since the regex's `.` does not match one).
    static func id(_ token: String) -> String {
        let scalars = Array(token.unicodeScalars)
        guard scalars.count >= 2, scalars.first == "[", scalars.last == "]" else { return token }
        let inner = scalars[1..<(scalars.count - 1)]
        if inner.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" }) { return token }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: inner)
        return String(view)
    }

    static func strip(_ open: Token, _ close: Token) -> AST.Strip {
        AST.Strip(open: open.stripsBefore, close: close.stripsAfter)
    }

    /// handlebars.js `stripComment`.
    static func stripComment(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        var start = 2
        if start < scalars.count, scalars[start] == "~" { start += 1 }
        if start < scalars.count, scalars[start] == "!" { start += 1 }
        for _ in 0..<2 where start < scalars.count && scalars[start] == "-" { start += 1 }
        scalars.removeFirst(min(start, scalars.count))
        if scalars.count >= 2, scalars.suffix(2) == ["}", "}"] {
            scalars.removeLast(2)
            if scalars.last == "~" { scalars.removeLast() }
            for _ in 0..<2 where scalars.last == "-" { scalars.removeLast() }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}

extension String {
    func trimmingJavaScriptWhitespace() -> String {
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.isJavaScriptWhitespace }),
            let last = scalars.lastIndex(where: { !$0.isJavaScriptWhitespace })
        else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }
}
