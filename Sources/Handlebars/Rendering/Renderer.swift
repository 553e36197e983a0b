import JSON

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
    let root: ValuePointer
    var output: [UInt8] = []
    var depths: RenderStack<ValuePointer>
    var blockParams: RenderStack<ValuePointer?>
    var frameStarts: RenderStack<Int>
    var dataFrames: RenderStack<DataFrame>
    var steps = 0
    var level = 0
    var position = SourcePosition(line: 1, column: 1)
    /// Which instruction wrote each stretch of the output; `nil` (and free) unless tracing.
    var trace: [TraceMark]?

    /// Renders `template` over `context`. The renderer's stacks live in temporary allocations
    /// sized from the template's nesting; the output buffer is the only heap allocation it needs.
    static func render(
        _ template: CompiledTemplate, _ context: JSONValue, limits: RenderLimits
    ) throws(TemplateError) -> [UInt8] {
        try withRenderer(template, context, limits: limits) { (renderer) throws(TemplateError) in try renderer.render()
        }
    }

    /// Renders and records which instruction wrote each stretch of the output.
    static func renderTraced(
        _ template: CompiledTemplate, _ context: JSONValue, limits: RenderLimits
    ) throws(TemplateError) -> (output: [UInt8], trace: [TraceMark]) {
        try withRenderer(template, context, limits: limits) { (renderer) throws(TemplateError) in
            renderer.trace = []
            let output = try renderer.render()
            return (output, renderer.trace ?? [])
        }
    }

    private static func withRenderer<Result>(
        _ template: CompiledTemplate, _ context: JSONValue, limits: RenderLimits,
        _ body: (inout Renderer) throws(TemplateError) -> Result
    ) throws(TemplateError) -> Result {
        let levels = template.maxNesting + 2
        return try withUnsafePointer(to: context) { (root) throws(TemplateError) in
            try withUnsafeTemporaryAllocation(of: ValuePointer.self, capacity: levels) {
                (depths) throws(TemplateError) in
                try withUnsafeTemporaryAllocation(of: DataFrame.self, capacity: levels) {
                    (frames) throws(TemplateError) in
                    try withUnsafeTemporaryAllocation(of: Int.self, capacity: levels) {
                        (starts) throws(TemplateError) in
                        try withUnsafeTemporaryAllocation(
                            of: ValuePointer?.self, capacity: levels * max(1, template.maxBlockParams)
                        ) { (params) throws(TemplateError) in
                            var renderer = Renderer(
                                template: template, limits: limits, root: root, depths: RenderStack(depths),
                                blockParams: RenderStack(params), frameStarts: RenderStack(starts),
                                dataFrames: RenderStack(frames))
                            defer { renderer.unwind() }
                            return try body(&renderer)
                        }
                    }
                }
            }
        }
    }

    private init(
        template: CompiledTemplate, limits: RenderLimits, root: ValuePointer, depths: RenderStack<ValuePointer>,
        blockParams: RenderStack<ValuePointer?>, frameStarts: RenderStack<Int>, dataFrames: RenderStack<DataFrame>
    ) {
        self.template = template
        self.limits = limits
        self.root = root
        self.depths = depths
        self.blockParams = blockParams
        self.frameStarts = frameStarts
        self.dataFrames = dataFrames
        output.reserveCapacity(min(limits.maxOutputBytes, template.staticByteCount * 2 + 256))
    }

    private mutating func render() throws(TemplateError) -> [UInt8] {
        try push(&dataFrames, DataFrame())
        if template.usesDepths { try push(&depths, root) }
        try run(0, context: root)
        return output
    }

    /// Deinitializes whatever an error left on the stacks.
    private mutating func unwind() {
        dataFrames.pop(dataFrames.count)
        depths.pop(depths.count)
        blockParams.pop(blockParams.count)
        frameStarts.pop(frameStarts.count)
    }

    func push<Element>(_ stack: inout RenderStack<Element>, _ element: Element) throws(TemplateError) {
        guard stack.push(element) else { throw TemplateError(.renderTooDeep(limit: limits.maxDepth), at: position) }
    }

    mutating func run(_ program: Int, context: ValuePointer) throws(TemplateError) {
        let instructions = template.programs[program].instructions
        for index in instructions.indices {
            steps += 1
            if steps > limits.maxSteps { throw TemplateError(.tooManySteps(limit: limits.maxSteps), at: position) }
            switch instructions[index] {
            case .text(let start, let end):
                if trace != nil { trace!.append(.text(output: output.count, text: start)) }
                template.text.withUnsafeBufferPointer { text in
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<end]))
                }
            case .output(let expression, let kind, let at):
                position = at
                if trace != nil { trace!.append(.expression(output: output.count, position: at)) }
                try write(expression, kind, context)
            case .block(let block):
                position = block.position
                if trace != nil { trace!.append(.expression(output: output.count, position: block.position)) }
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
        if template.usesDepths, !Self.sameContext(context, depths.last) {
            try push(&depths, context)
            pushedDepth = true
        }
        defer { if pushedDepth { depths.pop() } }
        let declared = template.programs[program].blockParamCount
        guard declared > 0 else { return try run(program, context: context) }
        try push(&frameStarts, blockParams.count)
        defer {
            blockParams.pop(blockParams.count - frameStarts.last)
            frameStarts.pop()
        }
        try push(&blockParams, params?.0)
        if declared > 1 { try push(&blockParams, params?.1) }
        for _ in 2..<max(2, declared) { try push(&blockParams, nil) }
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
