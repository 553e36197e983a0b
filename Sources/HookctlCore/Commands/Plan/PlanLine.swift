/// One line of a rendered plan: a change marker, a nesting depth and the text; printers lay them out.
struct PlanLine: Hashable, Sendable {
    /// `+`, `~`, `-` or a space.
    var marker: Character
    var depth: Int
    var text: String

    init(_ marker: Character, _ depth: Int, _ text: String) {
        self.marker = marker
        self.depth = depth
        self.text = text
    }

    /// The terminal layout: indentation, then the marker, then the text (Terraform's).
    var terminalText: String { String(repeating: "    ", count: depth) + "  \(marker) " + text }

    /// The `diff` code-block layout: the marker in column 0 so GitHub colours the line.
    var diffText: String { "\(marker) " + String(repeating: "    ", count: depth) + text }
}
