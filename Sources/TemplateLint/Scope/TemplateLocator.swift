public import WebhookModel

/// Maps a position inside a body template (1-based line and column, as the engine reports) to the position in the
/// file the user edits: inside a YAML scalar of any style, or in a `body_file` template.
///
/// For an inline body, the scalar's source text is re-read and aligned with the value libyaml produced, so escapes
/// (`\"`, `\u00e9`, `''`), folding (`>`), chomping and indentation all map back exactly. Should the alignment fail,
/// positions fall back to the start of the value rather than guess.
public struct TemplateLocator: Sendable {
    private enum Mapping: Sendable {
        /// A `body_file` template: its own lines and columns.
        case file(String)
        /// For each Unicode scalar of an inline template (and one past the end), where it was written; empty when
        /// the alignment failed.
        case inline(positions: [SourceLocation], start: SourceLocation)
    }

    private let mapping: Mapping
    /// Offsets of the first scalar of each template line.
    private let lineStarts: [Int]

    /// A locator for `template`; `fileText` is the YAML file's text, needed for an inline body.
    public init(template: TemplateSource, fileText: String?) {
        let value = Array(template.text.unicodeScalars)
        var starts = [0]
        for (index, scalar) in value.enumerated() where scalar == "\n" { starts.append(index + 1) }
        lineStarts = starts
        switch template.origin {
        case .file(_, let file):
            mapping = .file(file)
        case .inline(let start, let style):
            let aligned = fileText.flatMap { ScalarAlignment(text: $0, start: start, style: style, value: value) }
            mapping = .inline(positions: aligned?.positions ?? [], start: start)
        }
    }

    /// Where template position `line:column` was written.
    public func location(line: Int, column: Int) -> SourceLocation {
        switch mapping {
        case .file(let file):
            return SourceLocation(file: file, line: line, column: column)
        case .inline(let positions, let start):
            guard !positions.isEmpty, line >= 1, line <= lineStarts.count else { return start }
            let offset = min(lineStarts[line - 1] + max(column - 1, 0), positions.count - 1)
            return positions[offset]
        }
    }
}
