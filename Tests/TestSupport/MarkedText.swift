/// Text with position markers `1️⃣`…`9️⃣` (as swift-format's tests use), stripped out and remembered.
public struct MarkedText {
    public let text: String
    /// Marker digit → 1-based line and column (in Unicode scalars, as libyaml counts).
    public let positions: [Int: (line: Int, column: Int)]

    public init(_ marked: String) {
        var out = String.UnicodeScalarView()
        var positions: [Int: (line: Int, column: Int)] = [:]
        let scalars = Array(marked.unicodeScalars)
        var line = 1
        var column = 1
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if ("1"..."9").contains(s), i + 2 < scalars.count, scalars[i + 1] == "\u{FE0F}",
                scalars[i + 2] == "\u{20E3}"
            {
                positions[Int(String(s))!] = (line, column)
                i += 3
                continue
            }
            out.append(s)
            if s == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i += 1
        }
        text = String(out)
        self.positions = positions
    }
}
