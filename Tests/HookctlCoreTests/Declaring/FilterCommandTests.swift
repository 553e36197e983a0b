import AccessEvents
import Declarations
import Foundation
import HookctlCore
import TestSupport
import Testing

/// Filters through the commands: render and test say when an event would be filtered out, plan shows conditions,
/// export writes them back.
@Suite("Filters in hookctl commands")
struct FilterCommandTests {
    static let filter = """
        filter:
          integration_type: [Snowflake]
          fields:
            data.requester.id: [user-1]
          not:
            requester_email: ["*@dba.example.com"]

        """

    @Test func renderSaysWhenTheEventWouldBeFilteredOutAndRendersAnyway() throws {
        let workspace = try Workspace()
        try workspace.declare(
            "name: wh\nmethod: POST\nurl: https://wh.example.com/x\ntriggers: [Created]\n" + Self.filter
                + "body: |\n  {\"id\": \"{{data.id}}\"}\n")
        let (terminal, out, err) = Terminal.capturing()
        let code = render(
            RenderOptions(
                source: .webhook(name: "wh", trigger: nil, event: nil, paths: []), currentDirectory: workspace.path),
            terminal: terminal)
        #expect(code == RenderExit.rendered)
        #expect(out.text == "{\"id\": \"123\"}\n")
        #expect(
            err.text
                == "warning: this event would be filtered out: wh's filter does not pass it, so the runner would not "
                + "deliver it; rendering anyway\n"
                + "  - integration_type must be \"Snowflake\"; the event has \"Postgresql\"\n")

        // An event that passes: nothing said.
        try workspace.write(
            "event.json",
            EventSamples.text(for: .created).replacingOccurrences(of: "\"Postgresql\"", with: "\"Snowflake\""))
        let (passing, _, passingErr) = Terminal.capturing()
        _ = render(
            RenderOptions(
                source: .webhook(name: "wh", trigger: nil, event: "event.json", paths: []),
                currentDirectory: workspace.path), terminal: passing)
        #expect(passingErr.text.isEmpty)

        // An event the not: block keeps out.
        try workspace.write(
            "dba.json",
            EventSamples.text(for: .created).replacingOccurrences(of: "\"Postgresql\"", with: "\"Snowflake\"")
                .replacingOccurrences(of: "user@example.com", with: "kim@dba.example.com"))
        let (dba, _, dbaErr) = Terminal.capturing()
        _ = render(
            RenderOptions(
                source: .webhook(name: "wh", trigger: nil, event: "dba.json", paths: []),
                currentDirectory: workspace.path), terminal: dba)
        #expect(
            dbaErr.text.hasSuffix(
                "  - not: requester_email must not be \"*@dba.example.com\"; the event has \"kim@dba.example.com\"\n"))
    }

    @Test func testSaysWhenTheEventWouldBeFilteredOutAndSendsAnyway() async throws {
        try await withReceiver(answering: CannedResponse()) { receiver in
            let workspace = try Workspace()
            try workspace.declare(
                TestCommandTests.declaration(port: receiver.port).replacingOccurrences(
                    of: "triggers: [Approved, Created]\n",
                    with: "triggers: [Approved, Created]\nfilter:\n  requester_email: [\"*@contractor.example\"]\n"))
            try workspace.write("event.json", EventSamples.text(for: .approved))
            let (terminal, _, err) = Terminal.capturing(environment: TestCommandTests.environment)
            let options = TestOptions(
                name: "loopback", event: "event.json", store: "sqlite:\(workspace.path)/none.db",
                allowTargets: AllowTargets(["127.0.0.1:\(receiver.port)"]), currentDirectory: workspace.path)
            #expect(await testWebhook(options, terminal: terminal) == TestExit.success, "\(err.text)")
            #expect(err.text.contains("warning: this event would be filtered out: loopback's filter does not pass it"))
            #expect(err.text.contains("; sending anyway\n"))
            #expect(
                err.text.contains(
                    "  - requester_email must be \"*@contractor.example\"; the event has \"user@example.com\"\n"))
            #expect(receiver.log.count(path: "/in") == 1)
        }
    }

    @Test func planShowsTheConditionsAndExportWritesThemBack() async throws {
        let ws = PlanWorkspace()
        ws.declare("a", extra: Self.filter)
        let planned = await ws.plan()
        #expect(planned.out.contains(#"+ filter.integration_type = ["Snowflake"]"#), "\(planned.out)")
        #expect(planned.out.contains(#"+ filter.fields.data.requester.id = ["user-1"]"#))
        #expect(planned.out.contains(#"+ filter.not.requester_email = ["*@dba.example.com"]"#))
        _ = await ws.apply()

        ws.declare("a", extra: Self.filter.replacingOccurrences(of: "[Snowflake]", with: "[Snowflake, Postgresql]"))
        let changed = await ws.plan()
        #expect(
            changed.out.contains(#"~ filter.integration_type = ["Snowflake"] → ["Snowflake", "Postgresql"]"#),
            "\(changed.out)")

        let exported = await ws.run {
            await export(ExportOptions(currentDirectory: ws.root, out: "exported"), terminal: $1)
        }
        #expect(exported.code == 0, "\(exported.err)")
        let text = try String(contentsOfFile: ws.root + "/exported/a.yaml", encoding: .utf8)
        #expect(
            text.contains(
                "filter:\n  integration_type: [Snowflake]\n  fields:\n    data.requester.id: [user-1]\n  not:\n"
                    + "    requester_email: [\"*@dba.example.com\"]\n"), "\(text)")
        let original = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: ws.root)
        let roundTrip = DeclarationLoader.load(paths: ["exported"], currentDirectory: ws.root)
        #expect(!roundTrip.hasErrors, "\(roundTrip.diagnostics)")
        // The live filter is the applied one (Snowflake only), not the edited declaration.
        #expect(roundTrip.declarations.first?.webhook.filter?.all.first?.values == ["Snowflake"])
        #expect(original.declarations.first?.webhook.filter?.none == roundTrip.declarations.first?.webhook.filter?.none)
    }
}
