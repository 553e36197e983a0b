import JSON

extension Parser {
    /// `openBlock program inverseChain? closeBlock` or `openInverse program inverseAndProgram? closeBlock`.
    mutating func parseBlock() throws(TemplateError) -> AST.Block {
        let open = current
        let inverted = open.kind == .openInverse
        if open.isDecorator { throw TemplateError(.unsupported("decorator blocks ({{#* name}})"), at: position(open)) }
        let opened = position(open)
        try enterNesting(at: opened)
        defer { nesting -= 1 }
        advance()
        let call = try parseCall(at: open)
        let blockParams = try parseBlockParams()
        let openClose = try expectClose()
        var program = try parseProgram()
        program.blockParams = blockParams
        var inverse: AST.Program?
        var inverseStrip = AST.Strip()
        var isChain = false
        switch current.kind {
        case .inverse:
            inverseStrip = Self.strip(current, current)
            advance()
            inverse = try parseProgram()
        case .openInverseChain where !inverted:
            let chain = try parseChainLink()
            inverseStrip = chain.strip
            inverse = chain.program
            isChain = true
        case .openEndBlock:
            break
        case .end:
            throw TemplateError(.unclosedBlock(name: Self.displayName(call.path), opened: opened), at: opened)
        default:
            throw unexpected(expected: "{{else}} or {{/\(Self.displayName(call.path))}}")
        }
        let closeStrip = try parseCloseBlock(for: call.path, opened: opened)
        if isChain, case .block(var chained)? = inverse?.statements.first {
            chained.closeStrip = closeStrip
            inverse?.statements[0] = .block(chained)
        }
        let (main, alternative): (AST.Program?, AST.Program?) = inverted ? (inverse, program) : (program, inverse)
        return AST.Block(
            call: call, kind: inverted ? .inverted : .normal, program: main, inverse: alternative,
            openStrip: Self.strip(open, openClose), inverseStrip: inverseStrip, closeStrip: closeStrip,
            position: opened)
    }

    /// `{{else name …}} program (chain | {{else}} program)?`, as one chained block.
    private mutating func parseChainLink() throws(TemplateError) -> (strip: AST.Strip, program: AST.Program) {
        let open = current
        let opened = position(open)
        try enterNesting(at: opened)
        defer { nesting -= 1 }
        advance()
        let call = try parseCall(at: open)
        let blockParams = try parseBlockParams()
        let close = try expectClose()
        let strip = Self.strip(open, close)
        var program = try parseProgram()
        program.blockParams = blockParams
        var inverse: AST.Program?
        var inverseStrip = AST.Strip()
        var closeStrip = AST.Strip()
        if current.kind == .inverse {
            inverseStrip = Self.strip(current, current)
            closeStrip = inverseStrip
            advance()
            inverse = try parseProgram()
        } else if current.kind == .openInverseChain {
            let chain = try parseChainLink()
            inverseStrip = chain.strip
            closeStrip = chain.strip
            inverse = chain.program
            if case .block(var chained)? = inverse?.statements.first {
                chained.closeStrip = chain.strip
                inverse?.statements[0] = .block(chained)
            }
        } else if current.kind == .end {
            throw TemplateError(.unclosedBlock(name: Self.displayName(call.path), opened: opened), at: opened)
        }
        let block = AST.Block(
            call: call, kind: .normal, program: program, inverse: inverse, openStrip: strip, inverseStrip: inverseStrip,
            closeStrip: closeStrip, position: opened)
        return (strip, AST.Program(statements: [.block(block)], position: opened, isChained: true))
    }

    /// `{{{{name …}}}} content+ {{{{/name}}}}`.
    mutating func parseRawBlock() throws(TemplateError) -> AST.Block {
        let open = current
        let opened = position(open)
        advance()
        let call = try parseCall(at: open)
        try expect(.closeRawBlock, "'}}}}' closing the raw block")
        var contents: [AST.Statement] = []
        let bodyStart = position(current)
        while current.kind == .content {
            contents.append(.content(makeContent(current)))
            advance()
        }
        guard current.kind == .endRawBlock else {
            throw unexpected(expected: "{{{{/\(Self.displayName(call.path))}}}}")
        }
        let closeName = current.text
        if Self.closeKey(call.path) != "s:" + closeName {
            throw TemplateError(
                .mismatchedClose(open: Self.displayName(call.path), close: closeName, opened: opened),
                at: position(current))
        }
        advance()
        return AST.Block(
            call: call, kind: .raw, program: AST.Program(statements: contents, position: bodyStart), inverse: nil,
            openStrip: AST.Strip(), inverseStrip: AST.Strip(), closeStrip: AST.Strip(), position: opened)
    }

    private mutating func parseBlockParams() throws(TemplateError) -> [String] {
        guard current.kind == .openBlockParams else { return [] }
        advance()
        var names: [String] = []
        while current.kind == .id {
            names.append(current.text)
            advance()
        }
        guard !names.isEmpty else { throw unexpected(expected: "a block parameter name") }
        try expect(.closeBlockParams, "'|' closing the block parameters")
        if names.count == 1 { names[0] = Self.id(names[0]) }
        return names
    }

    private mutating func expectClose() throws(TemplateError) -> Token {
        if current.kind == .closeUnescaped {
            throw TemplateError(.tripleStashClose(expression: "…", braces: 3), at: position(current))
        }
        return try expect(.close, "'}}'")
    }

    private mutating func parseCloseBlock(
        for path: AST.Expression, opened: SourcePosition
    ) throws(TemplateError) -> AST.Strip {
        let open = try expect(.openEndBlock, "{{/\(Self.displayName(path))}}")
        let name = try parseHelperName()
        let close = try expectClose()
        if Self.closeKey(path) != Self.closeKey(name) {
            throw TemplateError(
                .mismatchedClose(open: Self.displayName(path), close: Self.displayName(name), opened: opened),
                at: position(open))
        }
        return Self.strip(open, close)
    }

    private mutating func enterNesting(at position: SourcePosition) throws(TemplateError) {
        nesting += 1
        if nesting > Self.maxNesting { throw TemplateError(.nestingTooDeep(limit: Self.maxNesting), at: position) }
    }

    /// The `original` that handlebars.js compares with `!==` when validating a close tag.
    static func closeKey(_ expression: AST.Expression) -> String {
        switch expression.kind {
        case .path(let path): "s:" + path.original
        case .string(let string): "s:" + string
        case .number(let number): "n:" + JavaScriptString.make(.number(number))
        case .boolean(let flag): "b:\(flag)"
        case .null: "null"
        case .undefined: "undefined"
        case .subexpression: "sexpr"
        }
    }

    static func displayName(_ expression: AST.Expression) -> String {
        let key = closeKey(expression)
        if key.hasPrefix("s:") || key.hasPrefix("n:") || key.hasPrefix("b:") { return String(key.dropFirst(2)) }
        return key
    }
}
