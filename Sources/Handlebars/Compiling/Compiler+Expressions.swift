extension Compiler {
    /// Checks arity and hash keys against the helper's signature.
    func check(_ helper: Helper, _ call: AST.Call) throws(TemplateError) {
        let signature = helper.signature
        if !signature.accepts(argumentCount: call.params.count) {
            throw TemplateError(
                .wrongArgumentCount(helper: helper.name, expected: signature.arityDescription, got: call.params.count),
                at: call.position)
        }
        for pair in call.hash where !signature.hashKeys.contains(pair.key) {
            throw TemplateError(
                .unknownHashKey(helper: helper.name, key: pair.key, allowed: signature.hashKeys), at: pair.position)
        }
    }

    mutating func compileHelperCall(_ helper: Helper, _ call: AST.Call) throws(TemplateError) -> Expr {
        try check(helper, call)
        var arguments: [Expr] = []
        for param in call.params { arguments.append(try compileExpression(param)) }
        switch helper.implementation {
        case .builtin(.lookup):
            return .lookup(arguments[0], arguments[1])
        case .builtin(.log):
            return .log(arguments)
        case .builtin(.json):
            return .json(arguments[0])
        case .builtin:
            throw TemplateError(.blockRequired(helper.name), at: call.position)
        case .function(let function):
            var hash: [(key: String, value: Expr)] = []
            for pair in call.hash { hash.append((pair.key, try compileExpression(pair.value))) }
            return .call(
                HelperCallCode(
                    name: helper.name, function: function, arguments: arguments, hash: hash, position: call.position))
        }
    }

    mutating func compileExpression(_ expression: AST.Expression) throws(TemplateError) -> Expr {
        switch expression.kind {
        case .path(let path): return compilePath(path)
        case .string(let string): return .literal(.string(string))
        case .number(let number): return .literal(.number(number))
        case .boolean(let flag): return .literal(.bool(flag))
        case .null: return .literal(.null)
        case .undefined: return .undefined
        case .subexpression(let call):
            let path = Self.pathForm(call.path)
            if path.isSimpleIdentifier {
                if blockParamSlot(path.parts[0]) != nil { return compilePath(path) }
                if let helper = helpers[path.parts[0]] {
                    if helper.signature.block == .required {
                        throw TemplateError(.blockRequired(helper.name), at: call.position)
                    }
                    return try compileHelperCall(helper, call)
                }
            }
            throw TemplateError(.unknownHelper(path.original, known: helpers.helpers.map(\.name)), at: call.position)
        }
    }

    mutating func compilePath(_ path: AST.Path) -> Expr {
        let segments = path.parts.map(PathSegment.init)
        if path.isData {
            guard let first = path.parts.first else { return .undefined }
            let key: DataKey =
                switch first {
                case "root": .root
                case "index": .index
                case "key": .key
                case "first": .first
                case "last": .last
                default: .other
                }
            return .data(depth: path.depth, key: key, segments: Array(segments.dropFirst()))
        }
        if path.depth == 0, !path.isScoped, let name = path.parts.first, let slot = blockParamSlot(name) {
            return .blockParam(frame: slot.frame, index: slot.index, segments: Array(segments.dropFirst()))
        }
        if path.depth > 0 { code.usesDepths = true }
        return .context(depth: path.depth, segments: segments)
    }
}
