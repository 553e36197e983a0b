import Declarations
import Foundation
import TemplateLint
import TestSupport
import Testing
import WebhookModel

@Suite("Template positions map back to the YAML file")
struct TemplateLocatorTests {
    static let head = "name: a\nmethod: POST\nurl: https://a.example.com/x\ntriggers: [Created]\n"

    /// Loads `marked` (with 1️⃣ just before the token `{{bad}}`), finds the token in the decoded template and checks
    /// that its template position maps to the marker.
    private func expectMapped(
        _ marked: String, token: String = "{{bad}}", sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let text = MarkedText(marked)
        let workspace = try Workspace()
        let path = try workspace.write("webhooks.d/a.yaml", text.text)
        let set = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
        let declaration = try #require(set.declarations.first, "\(set.diagnostics)", sourceLocation: sourceLocation)
        let template = declaration.template
        let (line, column) = try #require(
            position(of: token, in: template.text), "token not in \(template.text)",
            sourceLocation: sourceLocation)
        let fileText = try String(contentsOfFile: path, encoding: .utf8)
        let locator = TemplateLocator(template: template, fileText: fileText)
        let expected = try #require(text.positions[1], sourceLocation: sourceLocation)
        let mapped = locator.location(line: line, column: column)
        #expect(
            mapped == SourceLocation(file: "webhooks.d/a.yaml", line: expected.line, column: expected.column),
            "template \(line):\(column)", sourceLocation: sourceLocation)
    }

    /// 1-based line and column (in Unicode scalars) of `token` in `text`.
    private func position(of token: String, in text: String) -> (Int, Int)? {
        guard let range = text.range(of: token) else { return nil }
        var line = 1
        var column = 1
        for scalar in text[..<range.lowerBound].unicodeScalars {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    @Test func literalBlock() throws {
        try expectMapped(Self.head + "body: |\n  {\n    \"a\": \"x\",\n    \"b\": 1️⃣{{bad}}\n  }\n")
    }

    @Test func literalBlockWithChompingAndIndentationIndicators() throws {
        try expectMapped(Self.head + "body: |-\n  {\"b\": 1️⃣{{bad}}}\n")
        try expectMapped(Self.head + "body: |+ # keep\n  {\"b\": 1️⃣{{bad}}}\n\n\n")
        try expectMapped(Self.head + "body: |2\n    {\"b\":\n   1️⃣{{bad}}}\n")
        try expectMapped(Self.head + "body: |\n\n  {\n\n  \"b\": 1️⃣{{bad}}}\n")
    }

    @Test func literalBlockUnderAnIndentedKey() throws {
        // A body inside a deeper block: the mapping is indented, so is the block.
        let yaml =
            "name: a\nmethod: POST\nurl: https://a.example.com/x\ntriggers:\n  - Created\nbody:   |\n      {\"x\": 1,\n       \"b\": 1️⃣{{bad}}}\n"
        try expectMapped(yaml)
    }

    @Test func foldedBlock() throws {
        try expectMapped(Self.head + "body: >\n  {\"a\": \"x\",\n  \"b\": 1️⃣{{bad}}}\n")
        try expectMapped(Self.head + "body: >-\n  {\"a\":\n\n  \"x\",\n    \"c\": 1,\n  \"b\": 1️⃣{{bad}}}\n")
    }

    @Test func plainScalars() throws {
        try expectMapped(Self.head + "body: x{\"b\":1️⃣{{bad}} }\n")
        try expectMapped(Self.head + "body: first\n  second 1️⃣{{bad}}\n  third\n")
    }

    @Test func singleQuoted() throws {
        try expectMapped(Self.head + "body: '{\"it''s\": 1, \"b\": 1️⃣{{bad}}}'\n")
        try expectMapped(Self.head + "body: '{\"a\": 1,\n  \"b\": 1️⃣{{bad}}}'\n")
    }

    @Test func doubleQuotedWithEscapes() throws {
        try expectMapped(Self.head + "body: \"{\\\"caf\\u00e9\\\": \\\"\\t\\\", \\\"b\\\": 1️⃣{{bad}}}\"\n")
        try expectMapped(Self.head + "body: \"{\\\"a\\\": 1,\\n\\\"b\\\": 1️⃣{{bad}}}\"\n")
        try expectMapped(Self.head + "body: \"{\\\"a\\\": 1, \\\n    \\\"b\\\": 1️⃣{{bad}}}\"\n")
        try expectMapped(Self.head + "body: \"{\\\"a\\\": 1,\n\n   \\\"b\\\": 1️⃣{{bad}}}\"\n")
    }

    @Test func wideCharactersBeforeTheToken() throws {
        try expectMapped(Self.head + "body: |\n  {\"e\": \"👩‍💻 é\", \"b\": 1️⃣{{bad}}}\n")
    }

    @Test func windowsLineEndings() throws {
        try expectMapped(
            (Self.head + "body: |\n  {\"a\": 1,\n   \"b\": 1️⃣{{bad}}}\n").replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func bodyFileKeepsItsOwnPositions() throws {
        let workspace = try Workspace()
        try workspace.write("webhooks.d/t.hbs", "{\n  \"b\": {{bad}}\n}\n")
        try workspace.write("webhooks.d/a.yaml", Self.head + "body_file: t.hbs\n")
        let set = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
        let declaration = try #require(set.declarations.first)
        let locator = TemplateLocator(template: declaration.template, fileText: nil)
        #expect(locator.location(line: 2, column: 8) == SourceLocation(file: "webhooks.d/t.hbs", line: 2, column: 8))
    }

    @Test func misalignedSourceFallsBackToTheValueStart() {
        let start = SourceLocation(file: "f.yaml", line: 1, column: 7)
        let template = TemplateSource(text: "{\"x\": 1}", origin: .inline(valueStart: start, style: .literal))
        let locator = TemplateLocator(template: template, fileText: "body: |\n  {\"y\": 2}\n")
        #expect(locator.location(line: 1, column: 3) == start)
    }
}

@Suite("Positions inside a template finding's message")
struct TemplateMessagePositionTests {
    /// "opened at" names the block's position in the YAML file, as the finding's own position does, not the
    /// template's line 1.
    @Test func whereABlockWasOpenedIsAFilePosition() throws {
        let result = try lintBody("{\"list\": [\n  2️⃣{{#each request.resources}}\"{{name}}\",\n1️⃣{{/if}}]}")
        let finding = try #require(result.report.diagnostics.first, "\(result.report.diagnostics)")
        let opened = try #require(result.markers[2])
        #expect(finding.location == result.markers[1])
        #expect(
            finding.message.contains("{{/if}} does not close {{#each}} opened at \(opened.line):\(opened.column);"),
            "\(finding.message)")
    }
}
