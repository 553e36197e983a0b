/// A JSON syntax error, with the 1-based line and column (in Unicode scalars) where it was found.
public struct JSONParseError: Error, CustomStringConvertible, Sendable, Equatable {
    enum Kind: Equatable {
        case unexpectedEnd(expected: String)
        case unexpected(found: String, expected: String)
        case invalidNumber
        case invalidEscape
        case invalidUnicode
        case controlCharacterInString
        case tooDeep(limit: Int)
        case trailingContent
        case duplicateKey(String)
        case numberOutOfRange
    }

    let kind: Kind
    /// 1-based line of the error.
    public let line: Int
    /// 1-based column of the error, counted in Unicode scalars.
    public let column: Int
    /// Byte offset of the error in the input.
    public let offset: Int

    /// What went wrong, without the position.
    public var message: String {
        switch kind {
        case .unexpectedEnd(let expected): "unexpected end of input; expected \(expected)"
        case .unexpected(let found, let expected): "unexpected \(found); expected \(expected)"
        case .invalidNumber: "invalid number"
        case .invalidEscape: "invalid escape sequence in string"
        case .invalidUnicode: "invalid UTF-8 or lone surrogate in string"
        case .controlCharacterInString: "unescaped control character in string"
        case .tooDeep(let limit): "nesting deeper than \(limit) levels"
        case .trailingContent: "unexpected content after the JSON value"
        case .duplicateKey(let key):
            "the key \(JSONValue.string(key).jsonText) is written twice in one object; write each key once"
        case .numberOutOfRange: "number too large for a double (at most about 1.8e308 in magnitude)"
        }
    }

    public var description: String { "\(line):\(column): \(message)" }
}
