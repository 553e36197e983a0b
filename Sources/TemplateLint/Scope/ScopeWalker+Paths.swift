import AccessEvents
import Declarations
import Handlebars
import WebhookModel

extension ScopeWalker {
    /// A path's type, its canonical schema path (`data.approvals[].approver`), and the optional or nullable
    /// prefixes it passes through.
    struct Resolution {
        var type: ValueType
        var canonical: String?
        var absentPrefixes: [String] = []
    }

    /// Types `path` in the current scope; reports unknown fields and paths through scalars unless `reporting` is off.
    mutating func resolve(_ path: AST.Path, reporting: Bool = true) -> Resolution {
        var parts = path.parts[...]
        var current: Resolution
        if path.isData {
            guard let head = parts.popFirst() else { return Resolution(type: .unknown) }
            // Only #each pushes a data frame; each @../ climbs one, and @root is in every frame including the
            // template's own. A data path that climbs past them has no value, whatever the event.
            let iterations = frames.filter(\.isEach).count
            switch head {
            case "root":
                guard path.depth <= iterations else {
                    if reporting {
                        report(
                            "template.data-outside-each",
                            "\(path.original) climbs \(path.depth) data levels, but only \(iterations) {{#each}} "
                                + "\(iterations == 1 ? "encloses" : "enclose") it", at: path.position,
                            notes: ["use @root.… to start from the event"])
                    }
                    return Resolution(type: .unknown)
                }
                current = Resolution(type: .schema(schema.root), canonical: "")
            case "index", "key", "first", "last":
                guard path.depth < iterations else {
                    if reporting {
                        let message =
                            path.depth == 0
                            ? "@\(head) is only set inside {{#each}}"
                            : "\(path.original) needs \(path.depth + 1) enclosing {{#each}} blocks; "
                                + "\(iterations == 1 ? "1 encloses" : "\(iterations) enclose") it"
                        report("template.data-outside-each", message, at: path.position)
                    }
                    return Resolution(type: .unknown)
                }
                return Resolution(type: head == "index" ? .number : head == "key" ? .unknown : .boolean)
            default:
                if reporting {
                    let known = ["root", "index", "key", "first", "last"]
                    report(
                        "template.unknown-data",
                        "@\(head) is not a data variable, so it renders as nothing"
                            + (Suggestion.nearest(to: head, in: known).map { "; did you mean @\($0)?" } ?? ""),
                        at: path.position, notes: ["the data variables are @root, @index, @key, @first and @last"])
                }
                return Resolution(type: .unknown)
            }
        } else {
            guard path.depth < frames.count else {
                if reporting {
                    report(
                        "template.depth", "\(path.original) climbs \(path.depth) levels, above the event",
                        at: path.position, notes: ["use @root.… to start from the event"])
                }
                return Resolution(type: .unknown)
            }
            let frame = frames[frames.count - 1 - path.depth]
            if path.depth == 0, !path.isScoped, let name = parts.first, let param = blockParam(name) {
                parts = parts.dropFirst()
                current = Resolution(type: param.type, canonical: param.path)
            } else {
                current = Resolution(type: frame.context, canonical: frame.path)
            }
        }
        for part in parts {
            current = step(current, into: part, path: path, reporting: reporting)
        }
        return current
    }

    private func blockParam(_ name: String) -> (type: ValueType, path: String?)? {
        for frame in frames.reversed() {
            if let param = frame.blockParams[name] { return param }
        }
        return nil
    }

    private mutating func step(_ current: Resolution, into part: String, path: AST.Path, reporting: Bool) -> Resolution
    {
        guard case .schema(let node) = current.type else { return Resolution(type: .unknown) }
        func child(_ name: String) -> String? { current.canonical.map { $0.isEmpty ? name : "\($0).\(name)" } }
        switch node.kind {
        case .object(let properties):
            guard let property = properties.first(where: { $0.name == part }) else {
                if reporting {
                    let where_ = current.canonical.map { $0.isEmpty ? "the event" : $0 } ?? "this object"
                    report(
                        "template.unknown-field",
                        "\(where_) has no field \"\(part)\"\(Suggestion.phrase(for: part, in: properties.map(\.name)))",
                        at: path.position, notes: ["fields: " + properties.map(\.name).joined(separator: ", ")])
                }
                return Resolution(type: .unknown)
            }
            var next = Resolution(
                type: .schema(property.node), canonical: child(part), absentPrefixes: current.absentPrefixes)
            if !property.isRequired || property.node.isNullable, let canonical = next.canonical {
                next.absentPrefixes.append(canonical)
            }
            return next
        case .array(let items):
            if part == "length" { return Resolution(type: .number, absentPrefixes: current.absentPrefixes) }
            if Int(part) != nil {
                return Resolution(
                    type: .schema(items), canonical: current.canonical.map { $0 + "[]" },
                    absentPrefixes: current.absentPrefixes + (current.canonical.map { [$0 + "[]"] } ?? []))
            }
            if reporting {
                report(
                    "template.path-through-array",
                    "\(path.original) continues into \(current.canonical ?? "an array"), which is an array",
                    at: path.position, notes: ["iterate with {{#each}}, or pick an element: .[0].\(part)"])
            }
            return Resolution(type: .unknown)
        case .string where part == "length":
            return Resolution(type: .number, absentPrefixes: current.absentPrefixes)
        case .string, .number, .boolean:
            if reporting {
                report(
                    "template.through-scalar",
                    "\(path.original) continues past \(current.canonical ?? "a value"), which is \(typeWord(current.type))",
                    at: path.position)
            }
            return Resolution(type: .unknown)
        }
    }

    // MARK: Helper calls

    func simpleName(_ expression: AST.Expression) -> String? {
        guard case .path(let path) = expression.kind, path.isSimpleIdentifier else { return nil }
        return path.parts.first
    }

    /// Whether a mustache calls a helper (handlebars.js: a registered name, or any call with arguments).
    func isHelperCall(_ call: AST.Call) -> Bool {
        call.hasArguments || simpleName(call.path).map { helpers[$0] != nil } ?? false
    }

    /// Types every argument of a call, recursing into subexpressions, and checks `event_type` comparisons.
    mutating func checkArguments(_ call: AST.Call) {
        let arguments = call.params + call.hash.map(\.value)
        for argument in arguments {
            switch argument.kind {
            case .path(let path): _ = resolve(path)
            case .subexpression(let inner): checkArguments(inner)
            default: break
            }
        }
        checkEventTypeComparison(call)
    }

    /// `(eq event_type "AccessRequestGranted")` in a webhook that never receives Granted can never be true.
    private mutating func checkEventTypeComparison(_ call: AST.Call) {
        guard let name = simpleName(call.path), ["eq", "ne"].contains(name), call.params.count == 2 else { return }
        let comparesEventType = call.params.contains { argument in
            guard case .path(let path) = argument.kind else { return false }
            return resolve(path, reporting: false).canonical == "event_type"
        }
        guard comparesEventType else { return }
        for argument in call.params {
            guard case .string(let literal) = argument.kind else { continue }
            guard let trigger = Trigger(eventType: literal) else {
                report(
                    "template.dead-trigger", "event_type is never \"\(literal)\"", at: argument.position,
                    notes: ["event types: " + Trigger.allCases.map(\.eventType).joined(separator: ", ")])
                continue
            }
            if !triggers.contains(trigger) {
                report(
                    "template.dead-trigger",
                    "this webhook never receives \(literal): its triggers are "
                        + triggers.map(\.rawValue).joined(separator: ", "), at: argument.position,
                    notes: ["add \(trigger.rawValue) to triggers, or remove the branch"])
            }
        }
    }

    // MARK: Types

    func isArray(_ type: ValueType) -> Bool {
        if case .schema(let node) = type, case .array = node.kind { return true }
        return false
    }

    func elementType(_ type: ValueType) -> ValueType? {
        guard case .schema(let node) = type else { return nil }
        switch node.kind {
        case .array(let items): return .schema(items)
        case .object: return .unknown
        default: return nil
        }
    }

    func typeWord(_ type: ValueType) -> String {
        switch type {
        case .schema(let node):
            switch node.kind {
            case .object: return "an object"
            case .array: return "an array"
            case .string: return "a string"
            case .number: return "a number"
            case .boolean: return "a boolean"
            }
        case .number: return "a number"
        case .string: return "a string"
        case .boolean: return "a boolean"
        case .unknown: return "a value"
        }
    }
}
