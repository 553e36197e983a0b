/// How `{{expr}}` output is escaped. `{{{expr}}}` and `{{& expr}}` are raw in every mode.
public enum EscapeMode: String, Sendable, CaseIterable {
    /// JSON-safe: inside a JSON string the value is escaped as string content; in a bare value
    /// position it is written as a JSON literal (`null` when missing). Ambiguous templates are
    /// rejected at compile time.
    case json
    /// Byte-identical to handlebars.js: escapes `& < > " ' \` =`.
    case html
    /// No escaping.
    case none
}
