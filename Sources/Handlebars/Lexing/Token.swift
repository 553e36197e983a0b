/// A lexical token, mirroring the token set of handlebars.js's jison lexer.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case content, comment
        case openRawBlock, closeRawBlock, endRawBlock
        case openPartial, openPartialBlock
        case openBlock, openEndBlock, inverse, openInverse, openInverseChain
        case openUnescaped, open, openSexpr, closeSexpr
        case equals, id, separator, closeUnescaped, close
        case string, number, boolean, undefined, null, data
        case openBlockParams, closeBlockParams
        case invalid, end
    }

    var kind: Kind
    /// The token text after the lexer's own rewriting (stripped quotes, unescaped backslashes).
    var text: String
    /// Offset of the first scalar of the token in the source.
    var start: Int
    /// Offset just past the token.
    var end: Int

    /// `{{~…`: the open delimiter asks to strip whitespace before it.
    var stripsBefore: Bool { text.unicodeScalars.dropFirst(2).first == "~" }

    /// `…~}}`: the close delimiter asks to strip whitespace after it.
    var stripsAfter: Bool {
        let scalars = Array(text.unicodeScalars)
        return scalars.count >= 3 && scalars[scalars.count - 3] == "~"
    }

    /// `{{*…` or `{{#*…`: a decorator, which this engine does not support.
    var isDecorator: Bool { text.contains("*") }

    /// Human-readable name for error messages.
    var displayName: String {
        switch kind {
        case .end: "end of template"
        case .content: "text"
        default: "'\(text)'"
        }
    }
}
