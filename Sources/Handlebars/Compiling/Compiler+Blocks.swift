extension Compiler {
    mutating func compileBlock(_ block: inout AST.Block) throws(TemplateError) -> BlockCode {
        let start = state
        if escape == .json {
            if start == .escape { throw TemplateError(.afterBackslash, at: block.position) }
            block.jsonContext = start.context
        }
        let call = block.call
        let path = Self.pathForm(call.path)
        var blockCode = BlockCode(kind: .missing, argument: .undefined, position: block.position)
        if path.isSimpleIdentifier, blockParamSlot(path.parts[0]) == nil, let helper = helpers[path.parts[0]] {
            guard helper.signature.block == .required, case .builtin(let builtin) = helper.implementation else {
                throw TemplateError(.blockNotAllowed(helper.name), at: call.position)
            }
            try check(helper, call)
            switch builtin {
            case .if: blockCode.kind = .if
            case .unless: blockCode.kind = .unless
            case .each: blockCode.kind = .each
            case .with: blockCode.kind = .with
            case .raw: blockCode.kind = .raw
            case .lookup, .log, .json: throw TemplateError(.blockNotAllowed(helper.name), at: call.position)
            }
            if let first = call.params.first { blockCode.argument = try compileExpression(first) }
            if let includeZero = call.hash.first(where: { $0.key == "includeZero" }) {
                blockCode.includeZero = try compileExpression(includeZero.value)
            }
        } else {
            if call.hasArguments && !(path.isSimpleIdentifier && blockParamSlot(path.parts[0]) != nil) {
                throw TemplateError(
                    .unknownHelper(path.original, known: helpers.helpers.map(\.name)), at: call.position)
            }
            blockCode.argument = compilePath(path)
        }
        let name = Parser.displayName(call.path)
        var programEnd = start
        if var program = block.program {
            state = start
            blockCode.program = try compileProgram(&program)
            programEnd = state
            block.program = program
        }
        var inverseEnd = start
        if var inverse = block.inverse {
            state = start
            blockCode.inverse = try compileProgram(&inverse)
            inverseEnd = state
            block.inverse = inverse
        }
        if escape == .json {
            let loops = blockCode.kind == .each || blockCode.kind == .missing
            if loops && programEnd != start {
                throw TemplateError(.loopNotBalanced(block: name, opened: block.position), at: block.position)
            }
            if programEnd != inverseEnd {
                throw TemplateError(.ambiguousBranches(block: name, opened: block.position), at: block.position)
            }
        }
        state = programEnd
        return blockCode
    }
}
