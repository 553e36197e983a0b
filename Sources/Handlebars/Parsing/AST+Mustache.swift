extension AST {
    /// `{{expr}}`, `{{{expr}}}` or `{{& expr}}`.
    public struct Mustache: Sendable {
        public var call: Call
        /// `false` for `{{{…}}}` and `{{&…}}`, which are output raw in every escape mode.
        public var isEscaped: Bool
        public var strip: Strip
        public var position: SourcePosition
        /// In `json` escape mode, where this mustache's output lands; `nil` in other modes.
        public internal(set) var jsonContext: JSONContext?
    }

    /// A block: `{{#name …}}…{{else}}…{{/name}}`, an inverted `{{^name}}…{{/name}}`, or a raw
    /// block `{{{{name}}}}…{{{{/name}}}}`.
    public struct Block: Sendable {
        public enum Kind: Sendable, Hashable {
            case normal, inverted, raw
        }

        public var call: Call
        public var kind: Kind
        /// The part that runs when the helper calls its main body (`nil` for `{{^x}}` without else).
        public var program: Program?
        /// The `{{else}}` part (for `{{^x}}`, the part written first).
        public var inverse: Program?
        public var openStrip: Strip
        public var inverseStrip: Strip
        public var closeStrip: Strip
        public var position: SourcePosition
        /// In `json` escape mode, the JSON context at the opening tag (and so at both ends of
        /// every branch); `nil` in other modes.
        public internal(set) var jsonContext: JSONContext?
    }

    /// A helper name or path with its arguments: the inside of a tag or of `( … )`.
    public struct Call: Sendable {
        public var path: Expression
        public var params: [Expression]
        public var hash: [HashPair]
        public var position: SourcePosition

        /// Whether the tag has arguments, which makes it a helper call in handlebars.js.
        public var hasArguments: Bool { !params.isEmpty || !hash.isEmpty }
    }

    /// `key=value` in a call.
    public struct HashPair: Sendable {
        public var key: String
        public var value: Expression
        public var position: SourcePosition
    }
}
