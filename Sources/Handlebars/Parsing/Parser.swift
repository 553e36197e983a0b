/// Builds the ``AST`` from tokens, following handlebars.js 4.7.7's grammar (`handlebars.yy`) and
/// its `helpers.js` (path preparation, close-tag validation, `{{else if}}` chains).
struct Parser {
    static let maxNesting = 100

    let source: ScalarSource
    let tokens: [Token]
    var index = 0
    var nesting = 0
    var contentCount = 0

    static func parse(_ source: ScalarSource) throws(TemplateError) -> AST.Program {
        var parser = Parser(source: source, tokens: try Lexer.tokenize(source))
        let program = try parser.parseProgram()
        guard parser.current.kind == .end else { throw parser.unexpected(expected: "text or a tag; no block is open") }
        return program
    }

    var current: Token { tokens[index] }
    var next: Token? { index + 1 < tokens.count ? tokens[index + 1] : nil }

    func position(_ token: Token) -> SourcePosition { source.position(of: token.start) }

    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    func unexpected(expected: String) -> TemplateError {
        TemplateError(.unexpectedToken(found: current.displayName, expected: expected), at: position(current))
    }

    @discardableResult
    mutating func expect(_ kind: Token.Kind, _ description: String) throws(TemplateError) -> Token {
        guard current.kind == kind else { throw unexpected(expected: description) }
        let token = current
        advance()
        return token
    }

    mutating func parseProgram() throws(TemplateError) -> AST.Program {
        let start = position(current)
        var statements: [AST.Statement] = []
        loop: while true {
            let token = current
            switch token.kind {
            case .content:
                statements.append(.content(makeContent(token)))
                advance()
            case .comment:
                statements.append(
                    .comment(
                        AST.Comment(
                            text: Self.stripComment(token.text), strip: Self.strip(token, token),
                            position: position(token))))
                advance()
            case .open, .openUnescaped:
                statements.append(.mustache(try parseMustache()))
            case .openBlock, .openInverse:
                statements.append(.block(try parseBlock()))
            case .openRawBlock:
                statements.append(.block(try parseRawBlock()))
            case .openPartial, .openPartialBlock:
                throw TemplateError(.unsupported("partials ({{> name}})"), at: position(token))
            case .openEndBlock, .inverse, .openInverseChain, .end:
                break loop
            default:
                throw unexpected(expected: "text or a tag")
            }
        }
        return AST.Program(statements: statements, position: start)
    }

    mutating func makeContent(_ token: Token) -> AST.Content {
        defer { contentCount += 1 }
        return AST.Content(original: token.text, value: token.text, position: position(token), id: contentCount)
    }

    mutating func parseMustache() throws(TemplateError) -> AST.Mustache {
        let open = current
        if open.isDecorator { throw TemplateError(.unsupported("decorators ({{* name}})"), at: position(open)) }
        advance()
        let call = try parseCall(at: open)
        let close: Token
        if open.kind == .openUnescaped {
            close = try expect(.closeUnescaped, "'}}}' closing the triple-stash")
        } else {
            if current.kind == .closeUnescaped || current.kind == .closeRawBlock {
                let text = source.text(open.end..<current.start).trimmingJavaScriptWhitespace()
                let braces = current.kind == .closeRawBlock ? 4 : 3
                throw TemplateError(.tripleStashClose(expression: text, braces: braces), at: position(current))
            }
            close = try expect(.close, "'}}'")
        }
        let scalars = Array(open.text.unicodeScalars)
        let flag: Unicode.Scalar? = scalars.count > 3 ? scalars[3] : scalars.count > 2 ? scalars[2] : nil
        return AST.Mustache(
            call: call, isEscaped: flag != "{" && flag != "&", strip: Self.strip(open, close), position: position(open))
    }

    /// `helperName param* hash?`
    mutating func parseCall(at open: Token) throws(TemplateError) -> AST.Call {
        let path = try parseHelperName()
        var params: [AST.Expression] = []
        while isParamStart { params.append(try parseParam()) }
        var hash: [AST.HashPair] = []
        while current.kind == .id, next?.kind == .equals {
            let key = current
            advance()
            advance()
            hash.append(AST.HashPair(key: Self.id(key.text), value: try parseParam(), position: position(key)))
        }
        return AST.Call(path: path, params: params, hash: hash, position: path.position)
    }

    var isParamStart: Bool {
        switch current.kind {
        case .id: next?.kind != .equals
        case .data, .string, .number, .boolean, .undefined, .null, .openSexpr: true
        default: false
        }
    }

    mutating func parseParam() throws(TemplateError) -> AST.Expression {
        guard current.kind == .openSexpr else { return try parseHelperName() }
        let open = current
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Self.maxNesting {
            throw TemplateError(.nestingTooDeep(limit: Self.maxNesting), at: position(open))
        }
        advance()
        let call = try parseCall(at: open)
        try expect(.closeSexpr, "')' closing the subexpression")
        return AST.Expression(kind: .subexpression(call), position: position(open))
    }

    mutating func parseHelperName() throws(TemplateError) -> AST.Expression {
        let token = current
        let at = position(token)
        switch token.kind {
        case .id:
            return AST.Expression(kind: .path(try parsePath(data: false)), position: at)
        case .data:
            advance()
            guard current.kind == .id else { throw unexpected(expected: "a name after '@'") }
            return AST.Expression(kind: .path(try parsePath(data: true, at: at)), position: at)
        case .string:
            advance()
            return AST.Expression(kind: .string(token.text), position: at)
        case .number:
            advance()
            return AST.Expression(kind: .number(Double(token.text) ?? .nan), position: at)
        case .boolean:
            advance()
            return AST.Expression(kind: .boolean(token.text == "true"), position: at)
        case .undefined:
            advance()
            return AST.Expression(kind: .undefined, position: at)
        case .null:
            advance()
            return AST.Expression(kind: .null, position: at)
        default:
            throw unexpected(expected: "a path, a literal or a helper name")
        }
    }
}
