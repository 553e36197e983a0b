import AccessEvents
import Handlebars
import WebhookModel

/// Walks a template's syntax tree with the scopes the engine uses, typing every path against the event schema.
///
/// Contexts change only at `#each` and `#with` (as in handlebars.js, where `#if` keeps the depth), so `../` climbs
/// those; block params (`as |item i|`) and data variables (`@index`, `@key`, `@first`, `@last`) live in them.
struct ScopeWalker {
    /// One context: a `#each` or `#with` body (or the template itself).
    struct Frame {
        var context: ValueType
        /// The canonical schema path of the context (`data.approvals[]`), when it is known.
        var path: String?
        var blockParams: [String: (type: ValueType, path: String?)] = [:]
        var isEach = false
    }

    let schema: EventSchema
    let escape: Webhook.Escape
    let helpers: HelperRegistry
    let triggers: [Trigger]
    private(set) var findings: [TemplateFinding] = []
    private(set) var frames: [Frame]
    /// Canonical paths known to be present here: the conditions of enclosing `#if`, `#with` and `#each` blocks.
    private var guards: [String] = []

    init(schema: EventSchema, escape: Webhook.Escape, helpers: HelperRegistry, triggers: [Trigger]) {
        self.schema = schema
        self.escape = escape
        self.helpers = helpers
        self.triggers = triggers
        frames = [Frame(context: .schema(schema.root), path: "")]
    }

    mutating func walk(_ program: AST.Program) {
        for statement in program.statements {
            switch statement {
            case .content, .comment: break
            case .mustache(let mustache): visit(mustache)
            case .block(let block): visit(block)
            }
        }
    }

    mutating func report(
        _ rule: String, _ message: String, at position: SourcePosition, notes: [String] = []
    ) {
        let severity = LintRule.named(rule)?.severity ?? .warning
        findings.append(
            TemplateFinding(rule: rule, severity: severity, message: message, position: position, notes: notes))
    }

    // MARK: Mustaches

    private mutating func visit(_ mustache: AST.Mustache) {
        let call = mustache.call
        if isHelperCall(call) {
            checkArguments(call)
            return
        }
        guard case .path(let path) = call.path.kind else { return }
        let resolved = resolve(path)
        if !mustache.isEscaped, mustache.jsonContext == .string {
            report(
                "template.raw-in-string",
                "{{{\(path.original)}}} is inside a JSON string: a quote or backslash in the value breaks the JSON",
                at: mustache.position, notes: ["write {{\(path.original)}} (escape: json escapes it as string content)"]
            )
        }
        if escape == .html, mustache.isEscaped, mustache.jsonContext == .string, resolved.type.isStringLike {
            report(
                "template.html-in-string",
                "{{\(path.original)}} is inside a JSON string in html mode: a quote becomes &quot;, & becomes &amp;",
                at: mustache.position, notes: ["set escape: json, which escapes for JSON instead"])
        }
        if escape != .json, resolved.type.isCollection {
            report(
                "template.collection-as-text",
                "\(path.original) is \(typeWord(resolved.type)); printed as text it becomes "
                    + (isArray(resolved.type) ? "its items joined with commas" : "[object Object]"),
                at: path.position, notes: ["use {{json \(path.original)}} to print it as JSON, or iterate with #each"])
        }
        if escape != .json, mustache.jsonContext == .value, let absent = unguarded(resolved.absentPrefixes) {
            report(
                "template.unguarded-optional",
                "\(path.original) can be absent or null (\(absent)); as a bare JSON value it then leaves a hole",
                at: path.position,
                notes: ["guard it: {{#if \(path.original)}}{{\(path.original)}}{{else}}null{{/if}}"])
        }
    }

    // MARK: Blocks

    private mutating func visit(_ block: AST.Block) {
        guard block.kind != .raw else { return }
        let call = block.call
        let name = simpleName(call.path)
        if block.kind == .inverted || !(name.map { helpers[$0] != nil } ?? false) {
            // A section over a path: iterates an array, enters an object, or tests a value.
            guard case .path(let path) = call.path.kind else { return }
            let resolved = resolve(path)
            if block.kind == .normal, isArray(resolved.type), let element = elementType(resolved.type) {
                enter(
                    block, context: element, path: resolved.canonical.map { $0 + "[]" }, isEach: true,
                    guardPath: resolved.canonical)
            } else if block.kind == .normal, resolved.type.isCollection {
                enter(
                    block, context: resolved.type, path: resolved.canonical, isEach: false,
                    guardPath: resolved.canonical)
            } else {
                withGuard(block.kind == .normal ? resolved.canonical : nil) { $0.walkBranches(block) }
            }
            return
        }
        checkArguments(call)
        switch name {
        case "each":
            guard let subject = call.params.first, case .path(let path) = subject.kind else {
                // A subexpression's value is not typed, but the body still runs in a new context.
                return enter(block, context: .unknown, path: nil, isEach: true, guardPath: nil)
            }
            // checkArguments has reported what is wrong with the path already.
            let resolved = resolve(path, reporting: false)
            if case .schema(let node) = resolved.type, node.isScalar {
                report(
                    "template.each-scalar", "#each over \(path.original), which is \(typeWord(resolved.type))",
                    at: path.position, notes: ["#each iterates over an array or an object"])
            }
            let element: ValueType = elementType(resolved.type) ?? .unknown
            let elementPath = isArray(resolved.type) ? resolved.canonical.map { $0 + "[]" } : nil
            enter(
                block, context: element, path: elementPath, isEach: true, guardPath: resolved.canonical,
                indexType: isArray(resolved.type) ? .number : .string)
        case "with":
            guard let subject = call.params.first, case .path(let path) = subject.kind else {
                return enter(block, context: .unknown, path: nil, isEach: false, guardPath: nil)
            }
            let resolved = resolve(path, reporting: false)
            enter(block, context: resolved.type, path: resolved.canonical, isEach: false, guardPath: resolved.canonical)
        case "if":
            let guardPath = call.params.first.flatMap { expression -> String? in
                guard case .path(let path) = expression.kind else { return nil }
                return resolve(path, reporting: false).canonical
            }
            withGuard(guardPath) { $0.walkBranches(block) }
        default:
            walkBranches(block)
        }
    }

    private mutating func walkBranches(_ block: AST.Block) {
        if let program = block.program { walk(program) }
        if let inverse = block.inverse { walk(inverse) }
    }

    /// Walks a block's body in a new context (its `{{else}}` part stays in the current one).
    private mutating func enter(
        _ block: AST.Block, context: ValueType, path: String?, isEach: Bool, guardPath: String?,
        indexType: ValueType = .number
    ) {
        var frame = Frame(context: context, path: path, isEach: isEach)
        let params = block.program?.blockParams ?? []
        if let first = params.first { frame.blockParams[first] = (context, path) }
        if params.count > 1 { frame.blockParams[params[1]] = (indexType, nil) }
        frames.append(frame)
        withGuard(guardPath) { walker in
            if let program = block.program { walker.walk(program) }
        }
        frames.removeLast()
        if let inverse = block.inverse { walk(inverse) }
    }

    private mutating func withGuard(_ path: String?, _ body: (inout ScopeWalker) -> Void) {
        if let path { guards.append(path) }
        body(&self)
        if path != nil { guards.removeLast() }
    }

    /// The first optional prefix not covered by an enclosing guard.
    private func unguarded(_ prefixes: [String]) -> String? {
        prefixes.first { prefix in
            !guards.contains { $0 == prefix || $0.hasPrefix(prefix + ".") || $0.hasPrefix(prefix + "[") }
        }
    }
}
