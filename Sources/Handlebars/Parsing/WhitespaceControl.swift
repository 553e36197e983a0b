/// handlebars.js 4.7.7's `WhitespaceControl`: `~` stripping and standalone-line removal for block,
/// `{{else}}` and comment tags.
///
/// The tree is only read; the content values it rewrites live in a table indexed by content id and
/// are written back at the end.
struct WhitespaceControl {
    struct ContentState {
        var original: [Unicode.Scalar]
        var value: [Unicode.Scalar]
        var leftStripped = false
        var rightStripped = false
    }

    private struct StripInfo {
        var open = false
        var close = false
        var openStandalone = false
        var closeStandalone = false
        var inlineStandalone = false
    }

    var contents: [Int: ContentState] = [:]

    static func apply(to program: inout AST.Program) {
        var control = WhitespaceControl()
        control.collect(program)
        control.visit(program, isRoot: true)
        program = control.rewrite(program)
    }

    private mutating func collect(_ program: AST.Program) {
        for statement in program.statements {
            switch statement {
            case .content(let content):
                let scalars = Array(content.original.unicodeScalars)
                contents[content.id] = ContentState(original: scalars, value: scalars)
            case .block(let block):
                if let body = block.program { collect(body) }
                if let body = block.inverse { collect(body) }
            case .mustache, .comment:
                break
            }
        }
    }

    private func rewrite(_ program: AST.Program) -> AST.Program {
        var program = program
        for index in program.statements.indices {
            switch program.statements[index] {
            case .content(var content):
                if let state = contents[content.id] {
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: state.value)
                    content.value = String(view)
                }
                program.statements[index] = .content(content)
            case .block(var block):
                block.program = block.program.map(rewrite)
                block.inverse = block.inverse.map(rewrite)
                program.statements[index] = .block(block)
            case .mustache, .comment:
                break
            }
        }
        return program
    }

    private mutating func visit(_ program: AST.Program, isRoot: Bool) {
        let body = program.statements
        for index in body.indices {
            let strip: StripInfo
            switch body[index] {
            case .content: continue
            case .mustache(let mustache): strip = StripInfo(open: mustache.strip.open, close: mustache.strip.close)
            case .comment(let comment):
                strip = StripInfo(open: comment.strip.open, close: comment.strip.close, inlineStandalone: true)
            case .block(let block): strip = visit(block)
            }
            let previousIsWhitespace = isPreviousWhitespace(body, index, isRoot: isRoot)
            let nextIsWhitespace = isNextWhitespace(body, index, isRoot: isRoot)
            if strip.close { omitRight(body, index, multiple: true) }
            if strip.open { omitLeft(body, index, multiple: true) }
            if strip.inlineStandalone && previousIsWhitespace && nextIsWhitespace {
                omitRight(body, index)
                omitLeft(body, index)
            }
            if case .block(let block) = body[index] {
                if strip.openStandalone && previousIsWhitespace {
                    if let inner = block.program ?? block.inverse { omitRight(inner.statements, nil) }
                    omitLeft(body, index)
                }
                if strip.closeStandalone && nextIsWhitespace {
                    omitRight(body, index)
                    if let inner = block.inverse ?? block.program { omitLeft(inner.statements, nil) }
                }
            }
        }
    }

    private mutating func visit(_ block: AST.Block) -> StripInfo {
        if let body = block.program { visit(body, isRoot: false) }
        if let body = block.inverse { visit(body, isRoot: false) }
        guard let program = block.program ?? block.inverse else { return StripInfo() }
        let inverse = block.program != nil ? block.inverse : nil
        var firstInverse = inverse
        var lastInverse = inverse
        if let chain = inverse, chain.isChained {
            firstInverse = Self.chainedBlock(chain)?.program
            while let current = lastInverse, current.isChained {
                lastInverse = Self.chainedBlock(current, last: true)?.program
            }
        }
        let strip = StripInfo(
            open: block.openStrip.open, close: block.closeStrip.close,
            openStandalone: isNextWhitespace(program.statements, nil, isRoot: false),
            closeStandalone: isPreviousWhitespace((firstInverse ?? program).statements, nil, isRoot: false))
        if block.openStrip.close { omitRight(program.statements, nil, multiple: true) }
        if inverse != nil {
            if block.inverseStrip.open { omitLeft(program.statements, nil, multiple: true) }
            if block.inverseStrip.close, let firstInverse { omitRight(firstInverse.statements, nil, multiple: true) }
            if block.closeStrip.open, let lastInverse { omitLeft(lastInverse.statements, nil, multiple: true) }
            if let firstInverse, isPreviousWhitespace(program.statements, nil, isRoot: false),
                isNextWhitespace(firstInverse.statements, nil, isRoot: false)
            {
                omitLeft(program.statements, nil)
                omitRight(firstInverse.statements, nil)
            }
        } else if block.closeStrip.open {
            omitLeft(program.statements, nil, multiple: true)
        }
        return strip
    }

    private static func chainedBlock(_ program: AST.Program, last: Bool = false) -> AST.Block? {
        guard case .block(let block)? = last ? program.statements.last : program.statements.first else { return nil }
        return block
    }
}
