/// A pointer to a value of the render's context. The context is immutable and outlives the
/// render, so the renderer walks it by pointer instead of copying (and retaining) values.
typealias ValuePointer = UnsafePointer<JSONValue>

/// Executes a ``CompiledTemplate`` over a context, appending to one byte buffer.
///
/// Mirrors handlebars.js's runtime: a depth stack for `../` (pushed only when a block changes the
/// context, compared with `!=`), data frames for `@index`/`@key`/`@first`/`@last` (one per
/// `#each`), and block-parameter frames. Values computed during the render (helper results, `@key`)
/// live in stack variables for exactly as long as pointers to them are used.
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
    var output: [UInt8] = []
    var root: ValuePointer?
    var depths: [ValuePointer] = []
    var blockParams: [ValuePointer?] = []
    var frameStarts: [Int] = []
    var dataFrames: [DataFrame] = []
    var steps = 0
    var level = 0
    var position = SourcePosition(line: 1, column: 1)

    init(template: CompiledTemplate, limits: RenderLimits) {
        self.template = template
        self.limits = limits
        output.reserveCapacity(min(limits.maxOutputBytes, template.staticByteCount * 2 + 256))
        dataFrames.reserveCapacity(template.maxNesting + 1)
        dataFrames.append(DataFrame())
        if template.usesDepths { depths.reserveCapacity(template.maxNesting + 1) }
    }

    mutating func render(_ context: JSONValue) throws(TemplateError) -> [UInt8] {
        try withUnsafePointer(to: context) { (pointer) throws(TemplateError) in
            root = pointer
            if template.usesDepths { depths.append(pointer) }
            try run(0, context: pointer)
        }
        root = nil
        return output
    }

    mutating func run(_ program: Int, context: ValuePointer) throws(TemplateError) {
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
                try write(expression, kind, context)
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
        _ program: Int?, context: ValuePointer, params: (ValuePointer?, ValuePointer?)? = nil
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
    static func sameContext(_ lhs: ValuePointer, _ rhs: ValuePointer) -> Bool {
        if lhs == rhs { return true }
        if case .object(let l) = lhs.pointee, case .object(let r) = rhs.pointee { return l.isIdentical(to: r) }
        return javaScriptLooselyEqual(lhs.pointee, rhs.pointee)
    }

    mutating func countStep() throws(TemplateError) {
        steps += 1
        if steps > limits.maxSteps { throw TemplateError(.tooManySteps(limit: limits.maxSteps), at: position) }
    }
}
