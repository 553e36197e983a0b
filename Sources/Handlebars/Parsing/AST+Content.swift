extension AST {
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
