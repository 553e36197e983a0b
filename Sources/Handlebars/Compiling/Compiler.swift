/// Turns the (whitespace-controlled) AST into a ``CompiledTemplate``: resolves helpers and paths,
/// checks helper signatures, and in `json` mode tracks the JSON text state to pick each mustache's
/// output kind (recording it on the AST).
struct Compiler {
    let helpers: HelperRegistry
    let escape: EscapeMode
    var code = CompiledTemplate()
    /// Names declared by enclosing programs that declare block params, innermost last.
    var scopes: [[String]] = []
    var nesting = 0
    var state = JSONTextState.outside

    static func compile(
        _ program: inout AST.Program, escape: EscapeMode, helpers: HelperRegistry
    ) throws(TemplateError) -> CompiledTemplate {
        var compiler = Compiler(helpers: helpers, escape: escape)
        _ = try compiler.compileProgram(&program)
        return compiler.code
    }

    /// Compiles `program` into a new entry of `code.programs` and returns its index.
    mutating func compileProgram(_ program: inout AST.Program) throws(TemplateError) -> Int {
        let index = code.programs.count
        code.programs.append(ProgramCode(blockParamCount: program.blockParams.count))
        nesting += 1
        code.maxNesting = max(code.maxNesting, nesting)
        code.maxBlockParams = max(code.maxBlockParams, program.blockParams.count)
        if !program.blockParams.isEmpty { scopes.append(program.blockParams) }
        defer {
            nesting -= 1
            if !program.blockParams.isEmpty { scopes.removeLast() }
        }
        var instructions: [Instruction] = []
        for position in program.statements.indices {
            switch program.statements[position] {
            case .content(let content):
                let bytes = Array(content.value.utf8)
                guard !bytes.isEmpty else { continue }
                state = state.advanced(over: bytes)
                let start = code.text.count
                code.textOrigins.append(CompiledTemplate.TextOrigin(offset: start, position: content.valuePosition))
                code.text.append(contentsOf: bytes)
                code.staticByteCount += bytes.count
                if case .text(let previousStart, let previousEnd)? = instructions.last, previousEnd == start {
                    instructions[instructions.count - 1] = .text(start: previousStart, end: code.text.count)
                } else {
                    instructions.append(.text(start: start, end: code.text.count))
                }
            case .comment:
                continue
            case .mustache(var mustache):
                instructions.append(try compileMustache(&mustache))
                program.statements[position] = .mustache(mustache)
            case .block(var block):
                instructions.append(.block(try compileBlock(&block)))
                program.statements[position] = .block(block)
            }
        }
        code.programs[index].instructions = instructions
        return index
    }

    mutating func compileMustache(_ mustache: inout AST.Mustache) throws(TemplateError) -> Instruction {
        var kind: OutputKind
        switch escape {
        case .json:
            if state == .escape { throw TemplateError(.afterBackslash, at: mustache.position) }
            mustache.jsonContext = state.context
            kind = state == .inString ? .jsonString : .jsonValue
        case .html: kind = .html
        case .none: kind = .raw
        }
        if !mustache.isEscaped { kind = .raw }
        let call = mustache.call
        let path = Self.pathForm(call.path)
        if path.isSimpleIdentifier, blockParamSlot(path.parts[0]) == nil, let helper = helpers[path.parts[0]] {
            if helper.signature.block == .required {
                throw TemplateError(.blockRequired(helper.name), at: call.position)
            }
            if !call.hasArguments && helper.signature.minArguments > 0 {
                throw TemplateError(.helperAsValue(helper.name), at: call.position)
            }
            if case .builtin(.json) = helper.implementation, kind == .jsonValue {
                try check(helper, call)
                return .output(try compileExpression(call.params[0]), .jsonDocument, mustache.position)
            }
            return .output(try compileHelperCall(helper, call), kind, mustache.position)
        }
        if call.hasArguments && !(path.isSimpleIdentifier && blockParamSlot(path.parts[0]) != nil) {
            throw TemplateError(.unknownHelper(path.original, known: helpers.helpers.map(\.name)), at: call.position)
        }
        return .output(compilePath(path), kind, mustache.position)
    }

    /// handlebars.js `transformLiteralToPath`: a literal in helper-name position is a path.
    static func pathForm(_ expression: AST.Expression) -> AST.Path {
        if case .path(let path) = expression.kind { return path }
        let name = String(Parser.displayName(expression))
        return AST.Path(isData: false, depth: 0, parts: [name], original: name, position: expression.position)
    }

    func blockParamSlot(_ name: String) -> (frame: Int, index: Int)? {
        for (frame, names) in scopes.reversed().enumerated() {
            if let index = names.firstIndex(of: name) { return (frame, index) }
        }
        return nil
    }
}
