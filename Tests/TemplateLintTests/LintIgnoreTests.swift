import Testing

@Suite("# hookctl-lint-ignore comments")
struct LintIgnoreTests {
    static func webhook(_ name: String, ignore: String? = nil, body: String) -> String {
        """
        name: \(name)
        method: POST
        url: https://a.example.com/\(name)
        triggers: [Created]
        \(ignore.map { "# hookctl-lint-ignore \($0)\n" } ?? "")body: |
          \(body)

        """
    }

    @Test func anIgnoreSilencesItsRulesInItsOwnDocumentOnly() throws {
        let file =
            Self.webhook("first", ignore: "template.unknown-field", body: #"{"a": "{{data.nope}}"}"#) + "---\n"
            + Self.webhook("second", body: #"{"a": "{{1️⃣data.nope}}"}"#)
        expectFindings(["template.unknown-field"], in: try lintFiles(["webhooks.d/a.yaml": file]))
    }

    @Test func severalRulesCommaOrSpaceSeparated() throws {
        let body = #"{"a": "{{data.nope}}", "b": "{{{data.id}}}", "c": "{{1️⃣data.approvals.name}}"}"#
        expectFindings(
            ["template.path-through-array"],
            in: try lintFiles([
                "webhooks.d/a.yaml": Self.webhook(
                    "a", ignore: "template.unknown-field, template.raw-in-string render.invalid-json", body: body)
            ]))
    }

    @Test func anIgnoreForAnotherRuleSilencesNothing() throws {
        expectFindings(
            ["template.unknown-field"],
            in: try lintFiles([
                "webhooks.d/a.yaml": Self.webhook("a", ignore: "template.depth", body: #"{"a": "{{1️⃣data.nope}}"}"#)
            ]))
    }

    @Test func reviewChecksAndValidationWarningsCanBeSilenced() throws {
        let copy = Self.webhook("copy", body: #"{"a": 1}"#).replacingOccurrences(of: "/copy", with: "/same")
        let original = Self.webhook("original", body: #"{"a": 2}"#).replacingOccurrences(of: "/original", with: "/same")
        let silenced = "# hookctl-lint-ignore config.duplicate-endpoint\n" + copy
        expectFindings([], in: try lintFiles(["webhooks.d/a.yaml": original + "---\n" + silenced]))
        let marked = copy.replacingOccurrences(of: "url: ", with: "url: 1️⃣")
        expectFindings(
            ["config.duplicate-endpoint"], in: try lintFiles(["webhooks.d/a.yaml": original + "---\n" + marked]))
    }
}
