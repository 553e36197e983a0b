/// Template source as Unicode scalars, with position helpers shared by the lexer and parser.
struct ScalarSource: Sendable {
    let scalars: [Unicode.Scalar]
    private let lineStarts: [Int]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(offset + 1) }
        lineStarts = starts
    }

    var count: Int { scalars.count }

    subscript(offset: Int) -> Unicode.Scalar? {
        offset >= 0 && offset < scalars.count ? scalars[offset] : nil
    }

    func hasPrefix(_ prefix: String, at offset: Int) -> Bool {
        var index = offset
        for scalar in prefix.unicodeScalars {
            guard self[index] == scalar else { return false }
            index += 1
        }
        return true
    }

    func text(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }

    /// 1-based line and column (columns count Unicode scalars) of `offset`.
    func position(of offset: Int) -> SourcePosition {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourcePosition(line: low + 1, column: offset - lineStarts[low] + 1)
    }
}
