public import Reconciler

/// Renders a plan for a pull-request comment or job summary, within GitHub's comment size limit.
public enum PlanMarkdownPrinter {
    /// GitHub's limit on a comment body, in characters.
    public static let characterLimit = 65_536

    public static func render(_ plan: Plan, limit: Int = characterLimit) -> String {
        let head = "### hookctl plan\n\n**\(plan.summary)**\n"
        var sections: [(title: String, lines: [String])] = PlanLines.sections(plan).map {
            ($0.title, $0.lines.map(\.diffText))
        }
        let total = sections.reduce(0) { $0 + $1.lines.count }
        var out = render(head: head, sections: sections)
        guard out.utf8.count > limit else { return out }
        // Drop lines from the end until the text and its truncation note fit; count what was left out.
        var dropped = 0
        while out.utf8.count > limit, let last = sections.indices.last(where: { !sections[$0].lines.isEmpty }) {
            let cut = max(1, sections[last].lines.count / 8)
            sections[last].lines.removeLast(cut)
            dropped += cut
            out = render(head: head, sections: sections.filter { !$0.lines.isEmpty }) + note(dropped, of: total)
        }
        return out
    }

    private static func render(head: String, sections: [(title: String, lines: [String])]) -> String {
        var out = head
        for section in sections {
            out += "\n\(section.title)\n\n```diff\n"
            out += section.lines.map { escapeFence($0) + "\n" }.joined()
            out += "```\n"
        }
        return out
    }

    private static func note(_ dropped: Int, of total: Int) -> String {
        "\n_… \(dropped) of \(total) plan lines not shown (GitHub's comment size limit); "
            + "run `hookctl plan` for the full plan._\n"
    }

    /// A body line made of backticks must not close the code block.
    private static func escapeFence(_ line: String) -> String {
        line.replacingOccurrences(of: "```", with: "`\u{200B}``")
    }
}
