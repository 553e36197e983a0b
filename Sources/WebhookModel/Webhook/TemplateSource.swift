/// A body template and where its text came from, so positions inside it map back to the file.
public struct TemplateSource: Hashable, Sendable, Codable {
    /// How a template was written in YAML; positions inside it map back differently for each style.
    public enum ScalarStyle: String, Hashable, Sendable, Codable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// Where the template text lives.
    public enum Origin: Hashable, Sendable, Codable {
        /// Inline in a declaration: the `body:` value starts at `valueStart` (the quote or `|`/`>` indicator).
        case inline(valueStart: SourceLocation, style: ScalarStyle)
        /// A `body_file:` template: `path` as declared (relative to the declaring file), `file` as shown to users.
        case file(path: String, file: String)
    }

    public var text: String
    public var origin: Origin

    public init(text: String, origin: Origin) {
        self.text = text
        self.origin = origin
    }
}
