/// What wrote the output from a given offset on, when rendering is traced.
enum TraceMark: Sendable {
    /// Static text, starting at `text` in the compiled template's text.
    case text(output: Int, text: Int)
    /// A mustache's value, or a block (whose own text and mustaches add marks after this one).
    case expression(output: Int, position: SourcePosition)

    var output: Int {
        switch self {
        case .text(let output, _), .expression(let output, _): output
        }
    }
}
