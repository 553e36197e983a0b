import Console
import Declarations
import Foundation
import JSON
import Testing

/// The Add Webhook draft: findings at their fields, previews, and YAML that the real validate code accepts.
@Suite struct ConsoleDraftTests {
    static func fields(
        body: String, url: String = "https://hooks.example.com/access", name: String = "access-jira"
    )
        -> [(String, String)]
    {
        [
            ("method", "POST"), ("url", url), ("headers", "X-Team: access"), ("authorization", "bearer"),
            ("trigger", "created"), ("trigger", "approved"), ("body", body), ("name", name), ("status", "active"),
        ]
    }

    @Test func aTypoInTheBodyIsFoundAtTheBodyAndItsLine() async throws {
        try await ConsoleHarness.withConsole { console in
            try await Browser.with(console.base) { browser in
                try await browser.login(ConsoleHarness.adminToken)
                _ = try await browser.get("/draft")
                let body = "{\n  \"id\": \"{{data.id}}\",\n  \"who\": \"{{data.requster.email}}\"\n}"
                let reply = try await browser.post(
                    "/draft/lint", Self.fields(body: body), csrf: false,
                    headers: ["X-CSRF-Token": browser.csrf ?? ""])
                #expect(reply.status == 200)
                let answer = try JSONValue(parsing: reply.body)
                guard case .array(let findings)? = answer["findings"] else {
                    Issue.record("no findings in \(reply.body)")
                    return
                }
                let atBody = findings.filter { $0["field"]?.stringValue == "body" }
                #expect(!atBody.isEmpty, "\(reply.body)")
                #expect(atBody.contains { $0["line"] == .number(3) }, "the typo is on the body's third line")
                #expect(answer["valid"] == .bool(false))
                // Without JavaScript: the form's submit renders the same findings beside the field.
                let page = try await browser.post("/draft", Self.fields(body: body))
                #expect(page.body.contains(#"<p class="finding error" data-field="body">"#))
                #expect(page.body.contains("body line 3"))
                #expect(page.body.contains(#"<pre id="draft-yaml">"#))
            }
        }
    }

    @Test func aFixedDraftIsYAMLThatValidatePasses() async throws {
        try await ConsoleHarness.withConsole { console in
            try await Browser.with(console.base) { browser in
                try await browser.login(ConsoleHarness.adminToken)
                _ = try await browser.get("/draft")
                let body = "{\n  \"id\": \"{{data.id}}\",\n  \"who\": \"{{data.requester.email}}\"\n}"
                let reply = try await browser.post(
                    "/draft/lint", Self.fields(body: body), csrf: false,
                    headers: ["X-CSRF-Token": browser.csrf ?? ""])
                let answer = try JSONValue(parsing: reply.body)
                #expect(answer["valid"] == .bool(true), "\(reply.body)")
                guard case .array(let previews)? = answer["previews"] else {
                    Issue.record("no previews")
                    return
                }
                #expect(previews.compactMap { $0["trigger"]?.stringValue } == ["Created", "Approved"])
                let yaml = try #require(answer["yaml"]?.stringValue)
                #expect(yaml.contains("token: ${env:ACCESS_JIRA_TOKEN}"))
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("draft-" + UUID().uuidString)
                try FileManager.default.createDirectory(
                    at: folder.appendingPathComponent("webhooks.d"), withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                try Data(yaml.utf8).write(to: folder.appendingPathComponent("webhooks.d/access-jira.yaml"))
                let set = DeclarationLoader.load(paths: [], currentDirectory: folder.path)
                #expect(!set.hasErrors, "\(set.diagnostics)")
                #expect(set.declarations.map(\.webhook.name) == ["access-jira"])
                #expect(set.declarations.first?.webhook.triggers == [.created, .approved])
            }
        }
    }

    @Test func aBadURLIsFoundAtTheURLField() async throws {
        try await ConsoleHarness.withConsole { console in
            try await Browser.with(console.base) { browser in
                try await browser.login(ConsoleHarness.adminToken)
                let page = try await browser.post(
                    "/draft", Self.fields(body: #"{"id": "{{data.id}}"}"#, url: "ftp://example.com/x"))
                #expect(page.body.contains(#"data-field="url""#), "\(page.body)")
            }
        }
    }

    @Test func theDraftLintNeedsTheCSRFToken() async throws {
        try await ConsoleHarness.withConsole { console in
            try await Browser.with(console.base) { browser in
                try await browser.login(ConsoleHarness.adminToken)
                let reply = try await browser.post("/draft/lint", Self.fields(body: "{}"), csrf: false)
                #expect(reply.status == 403)
            }
        }
    }
}
