public import JSON

/// A named helper: its signature and what it does.
public struct Helper: Sendable {
    /// A plain helper: takes evaluated arguments, returns a value.
    public typealias Function = @Sendable (HelperArguments) throws(HelperError) -> JSONValue

    /// Helpers the renderer implements itself (they steer contexts, data frames or output).
    enum Builtin: Sendable, Hashable {
        case `if`, unless, each, with, raw, lookup, log, json
    }

    enum Implementation: Sendable {
        case builtin(Builtin)
        case function(Function)
    }

    public let name: String
    public let signature: HelperSignature
    let implementation: Implementation

    init(name: String, signature: HelperSignature, implementation: Implementation) {
        self.name = name
        self.signature = signature
        self.implementation = implementation
    }

    /// Whether this is one of handlebars.js's own helpers or an engine builtin (`raw`, `json`).
    public var isBuiltin: Bool {
        if case .builtin = implementation { return true }
        return false
    }
}
