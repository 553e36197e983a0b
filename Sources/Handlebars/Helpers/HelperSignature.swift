/// What a helper accepts, checked when a template is compiled (and available to linters).
public struct HelperSignature: Sendable, Hashable {
    /// Whether a helper is used as `{{#name}}…{{/name}}` or as `{{name …}}` / `(name …)`.
    public enum BlockUsage: Sendable, Hashable {
        /// Only as a block.
        case required
        /// Never as a block.
        case forbidden
    }

    /// Fewest positional arguments.
    public var minArguments: Int
    /// Most positional arguments; `nil` for any number.
    public var maxArguments: Int?
    /// Hash keys (`key=value`) the helper understands; any other key is a compile error.
    public var hashKeys: [String]
    public var block: BlockUsage
    /// One line for documentation and lint messages.
    public var summary: String

    public init(
        minArguments: Int, maxArguments: Int?, hashKeys: [String] = [], block: BlockUsage = .forbidden, summary: String
    ) {
        self.minArguments = minArguments
        self.maxArguments = maxArguments
        self.hashKeys = hashKeys
        self.block = block
        self.summary = summary
    }

    /// `"exactly 1 argument"`, `"1 to 2 arguments"`, `"at least 2 arguments"`.
    public var arityDescription: String {
        func plural(_ count: Int) -> String { count == 1 ? "1 argument" : "\(count) arguments" }
        guard let maxArguments else { return "at least \(plural(minArguments))" }
        if maxArguments == minArguments { return "exactly \(plural(minArguments))" }
        return "\(minArguments) to \(plural(maxArguments))"
    }

    /// Whether `count` positional arguments are acceptable.
    public func accepts(argumentCount count: Int) -> Bool {
        count >= minArguments && (maxArguments.map { count <= $0 } ?? true)
    }
}
