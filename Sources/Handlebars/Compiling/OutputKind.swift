/// How a mustache's value is written.
enum OutputKind: Sendable {
    /// JSON mode, inside a string: escaped as string content.
    case jsonString
    /// JSON mode, bare value position: a JSON literal.
    case jsonValue
    /// JSON mode, `{{json x}}` in a value position: `x` as JSON.
    case jsonDocument
    /// HTML mode: handlebars.js `escapeExpression`.
    case html
    /// `{{{x}}}`, `{{&x}}`, and every mustache in `none` mode.
    case raw
}
