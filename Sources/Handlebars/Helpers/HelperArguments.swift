public import JSON

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
