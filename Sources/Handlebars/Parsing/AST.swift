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
}
