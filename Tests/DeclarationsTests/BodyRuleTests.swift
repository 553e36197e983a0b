import Declarations
import Foundation
import TestSupport
import Testing
import WebhookModel

@Suite("body and body_file")
struct BodyRuleTests {
    private let head = """
        name: siem
        method: POST
        url: https://siem.example.com/ingest
        triggers: [Created]

        """

    @Test func inlineBodyRemembersItsStyleAndStart() throws {
        let set = try load(MarkedText(head + "body: >-\n  {\"a\":\n  1}\n"))
        let declaration = try #require(set.declarations.first)
        #expect(declaration.template.text == "{\"a\": 1}")
        #expect(
            declaration.template.origin
                == .inline(
                    valueStart: SourceLocation(file: "webhooks.d/hooks.yaml", line: 5, column: 7), style: .folded))
    }

    @Test func bodyFileIsReadRelativeToTheDeclaringFile() throws {
        let workspace = try Workspace()
        try workspace.write("webhooks.d/templates/siem.hbs", "{\"id\": \"{{data.id}}\"}\n")
        let set = try load(MarkedText(head + "body_file: templates/siem.hbs"), in: workspace)
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        let declaration = try #require(set.declarations.first)
        #expect(declaration.webhook.body == "{\"id\": \"{{data.id}}\"}\n")
        #expect(declaration.webhook.bodyFile == "templates/siem.hbs")
        #expect(declaration.template.origin == .file(path: "templates/siem.hbs", file: "webhooks.d/templates/siem.hbs"))
    }

    @Test func exactlyOneOfBodyAndBodyFile() throws {
        try expectFinding("config.missing-key", in: "1️⃣" + head, message: "missing body")
        let workspace = try Workspace()
        try workspace.write("webhooks.d/t.hbs", "{}")
        let text = MarkedText(head + "body: '{}'\n1️⃣body_file: t.hbs")
        let set = try load(text, in: workspace)
        let finding = try #require(set.diagnostics.first { $0.code == "body.conflict" })
        #expect(finding.location?.line == text.positions[1]?.line)
    }

    @Test func bodyFileMustExistAndStayInside() throws {
        try expectFinding("body_file.missing", in: head + "body_file: 1️⃣nope.hbs", message: "does not exist")
        try expectFinding("body_file.path", in: head + "body_file: 1️⃣/etc/passwd")
        let workspace = try Workspace()
        try workspace.write("outside.hbs", "{}")
        let text = MarkedText(head + "body_file: 1️⃣../outside.hbs")
        let set = try load(text, in: workspace)
        #expect(set.diagnostics.map(\.code) == ["body_file.outside"])
        #expect(set.diagnostics.first?.location?.column == text.positions[1]?.column)
    }

    @Test func bodyFileSymlinkOutsideIsRefused() throws {
        let workspace = try Workspace()
        try workspace.write("secret.txt", "{}")
        try FileManager.default.createSymbolicLink(
            atPath: workspace.path + "/webhooks.d/link.hbs", withDestinationPath: workspace.path + "/secret.txt")
        let set = try load(MarkedText(head + "body_file: link.hbs"), in: workspace)
        #expect(set.diagnostics.map(\.code) == ["body_file.outside"])
    }

    @Test func emptyBodies() throws {
        try expectFinding("body.empty", in: head + "body: 1️⃣\"  \"")
        let workspace = try Workspace()
        try workspace.write("webhooks.d/empty.hbs", "\n")
        let set = try load(MarkedText(head + "body_file: empty.hbs"), in: workspace)
        #expect(set.diagnostics.map(\.code) == ["body.empty"])
    }

    @Test func bodyMustBeAString() throws {
        try expectFinding("config.type", in: head + "body:\n  1️⃣a: 1", message: "body must be a string; got a mapping")
    }
}
