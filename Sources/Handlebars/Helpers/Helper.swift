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

/// The evaluated arguments of a helper call. Missing values (`undefined`) arrive as `.null`.
public struct HelperArguments: Sendable {
    public let positional: [JSONValue]
    public let hash: [String: JSONValue]

    public init(positional: [JSONValue], hash: [String: JSONValue] = [:]) {
        self.positional = positional
        self.hash = hash
    }

    /// The positional argument at `index`, or `.null` when absent.
    public subscript(index: Int) -> JSONValue {
        index < positional.count ? positional[index] : .null
    }
}

/// A helper's complaint about its arguments at render time; the renderer adds the position.
public struct HelperError: Error, Sendable, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }
}
