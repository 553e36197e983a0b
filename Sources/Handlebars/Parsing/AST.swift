/// The syntax tree of a template, with the position of every node.
///
/// It mirrors handlebars.js's AST (after its whitespace control ran) so that a linter can walk it:
/// ``AST/Mustache/jsonContext`` and ``AST/Block/jsonContext`` say, in `json` escape mode, whether
/// each expression was compiled inside a JSON string or in a bare value position.
public enum AST {}

extension AST {
    /// A sequence of statements: the template itself, or the body or `{{else}}` part of a block.
    public struct Program: Sendable {
        public var statements: [Statement]
        /// Names declared with `as |a b|` on the block that owns this program.
        public var blockParams: [String]
        /// Where the program starts.
        public var position: SourcePosition
        /// Whether this program is the `{{else if …}}` chain of a block (one chained block inside).
        public var isChained: Bool

        public init(
            statements: [Statement], blockParams: [String] = [], position: SourcePosition, isChained: Bool = false
        ) {
            self.statements = statements
            self.blockParams = blockParams
            self.position = position
            self.isChained = isChained
        }
    }

    /// One statement of a program.
    public enum Statement: Sendable {
        case content(Content)
        case mustache(Mustache)
        case block(Block)
        case comment(Comment)
    }

    /// Whether the delimiters of a tag carry `~` (strip whitespace outside them).
    public struct Strip: Sendable, Hashable {
        public var open: Bool
        public var close: Bool

        public init(open: Bool = false, close: Bool = false) {
            self.open = open
            self.close = close
        }
    }

    /// Literal template text.
    public struct Content: Sendable {
        /// The text as written.
        public var original: String
        /// The text that is output, after `~` and standalone-line stripping.
        public var value: String
        public var position: SourcePosition
        /// Index of this node among the template's content nodes (whitespace control's handle).
        var id: Int
    }

    /// `{{! … }}` or `{{!-- … --}}`.
    public struct Comment: Sendable {
        public var text: String
        public var strip: Strip
        public var position: SourcePosition
    }
}
