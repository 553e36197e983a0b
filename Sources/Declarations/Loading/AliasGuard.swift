/// Finds YAML aliases before the document is composed.
///
/// libyaml expands an alias to its anchored node, so a "billion laughs" document of nested aliases costs
/// exponential time to hash or walk. Declarations have no use for anchors (each webhook is its own document and
/// anchors do not cross documents), so a file that both defines `&name` and uses `*name` is refused up front.
/// A `*word` that matches no anchor (Slack's `*bold*`, say) is plain text and passes.
enum AliasGuard {
    struct Use: Equatable {
        let name: String
        let line: Int
        let column: Int
    }

    static func firstAliasUse(in text: String) -> Use? {
        // Most declarations have no `&` at all: one byte scan instead of two tokenizing passes.
        guard text.utf8.contains(UInt8(ascii: "&")) else { return nil }
        let anchors = Set(tokens(prefixedBy: "&", in: text).map(\.name))
        guard !anchors.isEmpty else { return nil }
        return tokens(prefixedBy: "*", in: text).first { anchors.contains($0.name) }
    }

    /// Every `&name` or `*name` token that starts a YAML node: preceded by a line start, a space or a flow
    /// indicator, and followed by a space, a flow indicator or the end of the line.
    private static func tokens(prefixedBy sigil: Unicode.Scalar, in text: String) -> [Use] {
        var uses: [Use] = []
        var line = 1
        var column = 1
        var previous: Unicode.Scalar = "\n"
        var scalars = text.unicodeScalars.makeIterator()
        var pending: (name: String.UnicodeScalarView, line: Int, column: Int)?
        func finish(next: Unicode.Scalar?) {
            guard let token = pending else { return }
            pending = nil
            let ends = next.map { " \t\n\r,]}".unicodeScalars.contains($0) } ?? true
            if ends, !token.name.isEmpty {
                uses.append(Use(name: String(token.name), line: token.line, column: token.column))
            }
        }
        while let scalar = scalars.next() {
            if pending != nil {
                if " \t\n\r,[]{}".unicodeScalars.contains(scalar) {
                    finish(next: scalar)
                } else {
                    pending!.name.append(scalar)
                }
            } else if scalar == sigil, " \t\n[{,".unicodeScalars.contains(previous) {
                pending = (String.UnicodeScalarView(), line, column)
            }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            previous = scalar
        }
        finish(next: nil)
        return uses
    }
}
