/// The small JSON lexer state tracked across a template's literal text in `json` escape mode.
enum JSONTextState: Sendable, Equatable {
    /// Between tokens, where a bare value may stand.
    case outside
    /// Inside a string literal.
    case inString
    /// Inside a string literal, right after a backslash.
    case escape

    /// The state after `bytes` of literal text.
    func advanced(over bytes: some Sequence<UInt8>) -> JSONTextState {
        var state = self
        for byte in bytes {
            switch state {
            case .outside: if byte == UInt8(ascii: "\"") { state = .inString }
            case .inString:
                if byte == UInt8(ascii: "\"") {
                    state = .outside
                } else if byte == UInt8(ascii: "\\") {
                    state = .escape
                }
            case .escape: state = .inString
            }
        }
        return state
    }

    var context: JSONContext { self == .outside ? .value : .string }
}
