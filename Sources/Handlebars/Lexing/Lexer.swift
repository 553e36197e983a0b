/// Splits a template into tokens, rule for rule as handlebars.js 4.7.7's jison lexer does
/// (first matching rule wins, same lookaheads, same state stack).
struct Lexer {
    enum State { case initial, mustache, escapedMustache, comment, raw }

    let source: ScalarSource
    var offset = 0
    var states: [State] = [.initial]
    var tokens: [Token] = []

    init(source: ScalarSource) {
        self.source = source
    }

    static func tokenize(_ source: ScalarSource) throws(TemplateError) -> [Token] {
        var lexer = Lexer(source: source)
        while true {
            let token = try lexer.next()
            guard let token else { continue }
            lexer.tokens.append(token)
            if token.kind == .end { return lexer.tokens }
        }
    }

    var state: State { states.last ?? .initial }

    mutating func begin(_ state: State) { states.append(state) }

    mutating func popState() {
        if states.count > 1 { states.removeLast() }
    }

    func token(_ kind: Token.Kind, _ start: Int, _ end: Int, text: String? = nil) -> Token {
        Token(kind: kind, text: text ?? source.text(start..<end), start: start, end: end)
    }

    /// The next token, `nil` when a rule matched without producing one (skipped whitespace).
    mutating func next() throws(TemplateError) -> Token? {
        switch state {
        case .initial: return try lexInitial()
        case .escapedMustache: return lexEscapedMustache()
        case .comment: return try lexComment()
        case .raw: return try lexRaw()
        case .mustache: return try lexMustache()
        }
    }

    private mutating func lexInitial() throws(TemplateError) -> Token? {
        let start = offset
        if start >= source.count { return token(.end, start, start) }
        var index = start
        while index < source.count, source.scalars[index] != "\0" {
            if source.hasPrefix("{{", at: index) {
                offset = index
                var end = index
                if index - start >= 2, source[index - 1] == "\\", source[index - 2] == "\\" {
                    end -= 1
                    begin(.mustache)
                } else if index - start >= 1, source[index - 1] == "\\" {
                    end -= 1
                    begin(.escapedMustache)
                } else {
                    begin(.mustache)
                }
                return end > start ? token(.content, start, index, text: source.text(start..<end)) : nil
            }
            index += 1
        }
        offset = index
        if index > start { return token(.content, start, index) }
        throw TemplateError(.unexpectedCharacter("NUL"), at: source.position(of: index))
    }

    private mutating func lexEscapedMustache() -> Token? {
        let start = offset
        var index = start + 2
        while index < source.count {
            if source.hasPrefix("{{", at: index) || source.hasPrefix("\\{{", at: index)
                || source.hasPrefix("\\\\{{", at: index)
            {
                break
            }
            index += 1
        }
        index = min(index, source.count)
        offset = index
        popState()
        return token(.content, start, index)
    }

    private mutating func lexComment() throws(TemplateError) -> Token? {
        let start = offset
        var index = start
        while index < source.count {
            if source.hasPrefix("--}}", at: index) || source.hasPrefix("--~}}", at: index) {
                let end = index + (source[index + 2] == "~" ? 5 : 4)
                offset = end
                popState()
                return token(.comment, start, end)
            }
            index += 1
        }
        throw TemplateError(.unclosedComment, at: source.position(of: start))
    }

    private mutating func lexRaw() throws(TemplateError) -> Token? {
        let start = offset
        if source.hasPrefix("{{{{", at: start) {
            if source[start + 4] != "/" {
                offset = start + 4
                begin(.raw)
                return token(.content, start, offset)
            }
            var index = start + 5
            while let scalar = source[index], scalar.isIdentifierScalar { index += 1 }
            if index > start + 5, source.hasPrefix("}}}}", at: index) {
                offset = index + 4
                popState()
                if state == .raw { return token(.content, start, offset) }
                return token(.endRawBlock, start, offset, text: source.text((start + 5)..<index))
            }
        }
        var index = start + 1
        while index < source.count, !source.hasPrefix("{{{{", at: index) {
            if source.scalars[index] == "\0" { break }
            index += 1
        }
        guard index < source.count, source.hasPrefix("{{{{", at: index) else {
            throw TemplateError(.unclosedRawBlock, at: source.position(of: start))
        }
        offset = index
        return token(.content, start, index)
    }
}

extension Unicode.Scalar {
    /// Scalars allowed in a handlebars.js `ID` token.
    var isIdentifierScalar: Bool {
        if isJavaScriptWhitespace { return false }
        guard value < 0x80 else { return true }
        switch self {
        case "!", "\"", "#", "%", "&", "'", "(", ")", "*", "+", ",", ".", "/", ";", "<", "=", ">", "@", "[",
            "\\", "]", "^", "`", "{", "|", "}", "~":
            return false
        default:
            return true
        }
    }

    /// Regular-expression word character (`\w`).
    var isWordScalar: Bool {
        switch self {
        case "a"..."z", "A"..."Z", "0"..."9", "_": true
        default: false
        }
    }
}
