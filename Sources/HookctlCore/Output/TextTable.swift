/// How `history`, `list` and `queue` print: a table for people, versioned JSON for scripts.
public enum ListingFormat: String, Sendable, CaseIterable {
    case text, json
}

/// Left-aligned text columns separated by two spaces, for `list` and `log`.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ") + "\n"
        }.joined()
    }
}
