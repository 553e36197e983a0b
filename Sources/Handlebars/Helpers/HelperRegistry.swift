/// The helpers a template may call, with their signatures.
///
/// Templates resolve helper names at compile time, so unknown helpers, wrong argument counts and
/// unknown hash keys are compile errors. ``standard`` holds handlebars.js's built-ins (`if`,
/// `unless`, `each`, `with`, `lookup`, `log`), `raw` for raw blocks, and the webhook helpers
/// (`json`, `eq`, `ne`, `lt`, `gt`, `and`, `or`, `not`, `default`, `join`, `upper`, `lower`, `len`,
/// `date`).
public struct HelperRegistry: Sendable {
    private var table: [String: Helper] = [:]

    /// An empty registry (not even `if`): mostly useful to build a custom one.
    public init() {}

    /// The helper named `name`, if registered.
    public subscript(name: String) -> Helper? { table[name] }

    /// All helpers, sorted by name.
    public var helpers: [Helper] { table.values.sorted { $0.name < $1.name } }

    /// Registers (or replaces) a plain helper.
    public mutating func register(_ name: String, signature: HelperSignature, _ function: @escaping Helper.Function) {
        var signature = signature
        signature.block = .forbidden
        table[name] = Helper(name: name, signature: signature, implementation: .function(function))
    }

    /// Removes a helper; templates compiled afterwards treat the name as a plain path.
    public mutating func remove(_ name: String) {
        table[name] = nil
    }

    mutating func register(builtin: Helper.Builtin, _ name: String, _ signature: HelperSignature) {
        table[name] = Helper(name: name, signature: signature, implementation: .builtin(builtin))
    }

    /// handlebars.js's own helpers only, plus `raw` (`if`, `unless`, `each`, `with`, `lookup`, `log`, `raw`).
    public static let handlebars: HelperRegistry = {
        var registry = HelperRegistry()
        let one = { (summary: String) in
            HelperSignature(minArguments: 1, maxArguments: 1, block: .required, summary: summary)
        }
        registry.register(
            builtin: .if, "if",
            HelperSignature(
                minArguments: 1, maxArguments: 1, hashKeys: ["includeZero"], block: .required,
                summary: "Renders the block when the value is truthy (and not an empty array), else {{else}}."))
        registry.register(
            builtin: .unless, "unless",
            HelperSignature(
                minArguments: 1, maxArguments: 1, hashKeys: ["includeZero"], block: .required,
                summary: "Renders the block when the value is falsy or an empty array, else {{else}}."))
        registry.register(
            builtin: .each, "each",
            one("Renders the block per array element or object member (@index, @key, @first, @last)."))
        registry.register(
            builtin: .with, "with", one("Renders the block with the value as context, unless it is empty."))
        registry.register(
            builtin: .raw, "raw",
            HelperSignature(
                minArguments: 0, maxArguments: 0, block: .required,
                summary: "{{{{raw}}}}…{{{{/raw}}}} outputs its text verbatim."))
        registry.register(
            builtin: .lookup, "lookup",
            HelperSignature(
                minArguments: 2, maxArguments: 2, summary: "The property of the first argument named by the second."))
        registry.register(
            builtin: .log, "log",
            HelperSignature(
                minArguments: 0, maxArguments: nil, hashKeys: ["level"],
                summary: "Accepted for compatibility; renders nothing."))
        return registry
    }()

    /// ``handlebars`` plus the webhook helpers.
    public static let standard: HelperRegistry = {
        var registry = HelperRegistry.handlebars
        registry.registerWebhookHelpers()
        return registry
    }()
}
