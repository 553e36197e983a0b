import WebhookModel

/// A position in a file's text that knows its line and column (columns in Unicode scalars, as libyaml counts).
struct SourceCursor {
    private let scalars: [Unicode.Scalar]
    private let file: String
    private var index = 0
    private var line = 1
    private var column = 1

    init(text: String, file: String) {
        scalars = Array(text.unicodeScalars)
        self.file = file
    }

    var scalar: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    func peek(_ distance: Int) -> Unicode.Scalar? {
        index + distance < scalars.count ? scalars[index + distance] : nil
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    /// A cursor at `line:column`, or `nil` if the text is shorter.
    func at(line target: Int, column targetColumn: Int) -> SourceCursor? {
        var cursor = self
        while cursor.line < target || (cursor.line == target && cursor.column < targetColumn) {
            guard cursor.scalar != nil else { return nil }
            cursor.advance()
        }
        return cursor.line == target && cursor.column == targetColumn ? cursor : nil
    }

    mutating func advance(by count: Int = 1) {
        for _ in 0..<count {
            guard index < scalars.count else { return }
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
    }

    /// Moves to the start of the next line; `false` at the end of the text.
    mutating func skipLine() -> Bool {
        while let current = scalar, current != "\n" { advance() }
        guard scalar == "\n" else { return false }
        advance()
        return true
    }

    /// What a double-quoted escape produces.
    enum Escape {
        case scalar(Unicode.Scalar)
        /// `\` before a line break: the break and the next line's indentation vanish.
        case lineContinuation
    }

    /// Reads the escape sequence at the cursor (which is on the `\`), advancing past it.
    mutating func decodeEscape() -> Escape? {
        guard let code = peek(1) else { return nil }
        let simple: [Unicode.Scalar: Unicode.Scalar] = [
            "0": "\0", "a": "\u{07}", "b": "\u{08}", "t": "\t", "\t": "\t", "n": "\n", "v": "\u{0B}", "f": "\u{0C}",
            "r": "\r", "e": "\u{1B}", " ": " ", "\"": "\"", "/": "/", "\\": "\\", "N": "\u{85}", "_": "\u{A0}",
            "L": "\u{2028}", "P": "\u{2029}",
        ]
        if let produced = simple[code] {
            advance(by: 2)
            return .scalar(produced)
        }
        if code == "\n" || code == "\r" {
            advance(by: 2)
            if code == "\r", scalar == "\n" { advance() }
            while let current = scalar, current == " " || current == "\t" { advance() }
            return .lineContinuation
        }
        let digits = ["x": 2, "u": 4, "U": 8][Character(code)]
        guard let digits else { return nil }
        var hex = ""
        for offset in 0..<digits {
            guard let digit = peek(2 + offset), digit.properties.isASCIIHexDigit else { return nil }
            hex.unicodeScalars.append(digit)
        }
        guard let value = UInt32(hex, radix: 16), let produced = Unicode.Scalar(value) else { return nil }
        advance(by: 2 + digits)
        return .scalar(produced)
    }
}
