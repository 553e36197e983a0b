/// Executes a ``CompiledTemplate`` over a context, appending to one byte buffer.
///
/// Mirrors handlebars.js's runtime: a depth stack for `../` (pushed only when a block changes the
/// context, compared with `!=`), data frames for `@index`/`@key`/`@first`/`@last` (one per
/// `#each`), and block-parameter frames.
struct Renderer {
    struct DataFrame {
        var index = 0
        var key: JSONValue = .null
        var first = false
        var last = false
        var isIteration = false
    }

    let template: CompiledTemplate
    let limits: RenderLimits
    let root: JSONValue
    var output: [UInt8] = []
    var depths: [JSONValue?] = []
    var blockParams: [JSONValue?] = []
    var frameStarts: [Int] = []
    var dataFrames: [DataFrame] = []
    var steps = 0
    var level = 0
    var position = SourcePosition(line: 1, column: 1)

    init(template: CompiledTemplate, root: JSONValue, limits: RenderLimits) {
        self.template = template
        self.root = root
        self.limits = limits
        output.reserveCapacity(min(limits.maxOutputBytes, template.staticByteCount * 2 + 256))
        dataFrames.reserveCapacity(template.maxNesting + 1)
        dataFrames.append(DataFrame())
        if template.usesDepths {
            depths.reserveCapacity(template.maxNesting + 1)
            depths.append(root)
        }
    }

    mutating func render() throws(TemplateError) -> [UInt8] {
        try run(0, context: root)
        return output
    }

    mutating func run(_ program: Int, context: JSONValue?) throws(TemplateError) {
        let instructions = template.programs[program].instructions
        for index in instructions.indices {
            steps += 1
            if steps > limits.maxSteps { throw TemplateError(.tooManySteps(limit: limits.maxSteps), at: position) }
            switch instructions[index] {
            case .text(let start, let end):
                template.text.withUnsafeBufferPointer { text in
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<end]))
                }
            case .output(let expression, let kind, let at):
                position = at
                if case .context(0, let segments) = expression, let context {
                    try emitPath(context, segments, kind)
                } else {
                    let value = try evaluate(expression, context)
                    try emit(value, kind)
                }
            case .block(let block):
                position = block.position
                try runBlock(block, context)
            }
            if output.count > limits.maxOutputBytes {
                throw TemplateError(.outputTooLarge(limit: limits.maxOutputBytes), at: position)
            }
        }
    }

    /// handlebars.js `wrapProgram`'s `prog(context, options)`.
    mutating func invoke(
        _ program: Int?, context: JSONValue?, params: (JSONValue?, JSONValue?)? = nil
    ) throws(TemplateError) {
        guard let program else { return }
        level += 1
        defer { level -= 1 }
        if level > limits.maxDepth { throw TemplateError(.renderTooDeep(limit: limits.maxDepth), at: position) }
        var pushedDepth = false
        if template.usesDepths, !Self.sameContext(context, depths[depths.count - 1]) {
            depths.append(context)
            pushedDepth = true
        }
        let declared = template.programs[program].blockParamCount
        if declared > 0 {
            frameStarts.append(blockParams.count)
            blockParams.append(params?.0)
            if declared > 1 { blockParams.append(params?.1) }
            for _ in 2..<max(2, declared) { blockParams.append(nil) }
        }
        defer {
            if pushedDepth { depths.removeLast() }
            if declared > 0 { blockParams.removeLast(blockParams.count - frameStarts.removeLast()) }
        }
        try run(program, context: context)
    }

    /// handlebars.js pushes a depth only when `context != depths[0]`; identity settles most calls.
    static func sameContext(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool {
        if case .object(let l)? = lhs, case .object(let r)? = rhs { return l.isIdentical(to: r) }
        return javaScriptLooselyEqual(lhs, rhs)
    }

    mutating func countStep() throws(TemplateError) {
        steps += 1
        if steps > limits.maxSteps { throw TemplateError(.tooManySteps(limit: limits.maxSteps), at: position) }
    }
}
