import WebhookModel

/// Re-reads a YAML scalar's source text and pairs each scalar of its value with the source position it came from.
///
/// Non-space characters must match in order; whitespace in the source that the value does not have (indentation,
/// folded line breaks, chomped lines) is skipped, and whitespace in the value that the source does not have
/// (a line break folded into a space) is placed at the next source character.
struct ScalarAlignment {
    private(set) var positions: [SourceLocation] = []

    init?(text: String, start: SourceLocation, style: TemplateSource.ScalarStyle, value: [Unicode.Scalar]) {
        let source = SourceCursor(text: text, file: start.file)
        guard var cursor = source.at(line: start.line, column: start.column) else { return nil }
        switch style {
        case .literal, .folded:
            // The content starts on the line after the `|`/`>` header (which may carry indicators and a comment).
            guard cursor.skipLine() else { return nil }
        case .singleQuoted, .doubleQuoted:
            guard cursor.scalar == "'" || cursor.scalar == "\"" else { return nil }
            cursor.advance()
        case .plain:
            break
        }
        positions.reserveCapacity(value.count + 1)
        for scalar in value {
            guard let position = Self.match(scalar, at: &cursor, style: style) else { return nil }
            positions.append(position)
        }
        positions.append(cursor.location)
    }

    /// Finds the source of one value scalar, advancing `cursor` past it.
    private static func match(
        _ scalar: Unicode.Scalar, at cursor: inout SourceCursor, style: TemplateSource.ScalarStyle
    ) -> SourceLocation? {
        while let current = cursor.scalar {
            if style == .doubleQuoted, current == "\\" {
                let here = cursor.location
                guard let decoded = cursor.decodeEscape() else { return nil }
                switch decoded {
                case .lineContinuation: continue
                case .scalar(let produced) where produced == scalar: return here
                case .scalar: return nil
                }
            }
            if style == .singleQuoted, current == "'" {
                guard cursor.peek(1) == "'", scalar == "'" else { return nil }
                let here = cursor.location
                cursor.advance(by: 2)
                return here
            }
            if current == scalar {
                let here = cursor.location
                cursor.advance()
                return here
            }
            if SourceCursor.isWhitespace(current) {
                cursor.advance()
                continue
            }
            // A space or line break the value has from folding, before the next written character.
            return SourceCursor.isWhitespace(scalar) ? cursor.location : nil
        }
        return SourceCursor.isWhitespace(scalar) ? cursor.location : nil
    }
}
