extension AST {
    /// An argument or helper name: a path, a literal, or a subexpression.
    public struct Expression: Sendable {
        public indirect enum Kind: Sendable {
            case path(Path)
            case subexpression(Call)
            case string(String)
            case number(Double)
            case boolean(Bool)
            case null
            case undefined
        }

        public var kind: Kind
        public var position: SourcePosition
    }

    /// `name`, `a.b/c`, `../x`, `this.y`, `@index`, `@root.z`, `[any key]`.
    public struct Path: Sendable {
        /// Whether the path starts with `@` (a data variable such as `@index` or `@root`).
        public var isData: Bool
        /// How many `../` lead the path.
        public var depth: Int
        /// The property names to look up, without `this`, `.` and `..`; brackets removed.
        public var parts: [String]
        /// The path as handlebars.js reconstructs it (`../a.b`, `@root.x`, `foo bar` for `[foo bar]`).
        public var original: String
        public var position: SourcePosition

        /// handlebars.js `scopedId`: paths starting with `.` or containing `this` followed by a
        /// word boundary never resolve to helpers or block params.
        public var isScoped: Bool {
            if original.hasPrefix(".") { return true }
            let scalars = Array(original.unicodeScalars)
            guard scalars.count >= 4 else { return false }
            for start in 0...(scalars.count - 4)
            where scalars[start] == "t" && scalars[start + 1] == "h" && scalars[start + 2] == "i"
                && scalars[start + 3] == "s"
            {
                if start + 4 == scalars.count || !scalars[start + 4].isWordScalar { return true }
            }
            return false
        }

        /// A single plain name (no `@`, `../`, `this`): the only paths that may name a helper.
        public var isSimpleIdentifier: Bool { parts.count == 1 && !isData && depth == 0 && !isScoped }
    }
}

/// Where, in `json` escape mode, the output of an expression lands in the JSON document.
public enum JSONContext: String, Sendable, Hashable {
    /// Inside a JSON string literal: the value is escaped as string content.
    case string
    /// In a bare value position: the value is emitted as a JSON literal.
    case value
}
