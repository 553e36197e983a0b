import Foundation
import HookctlCore
import Testing

@Suite("hookctl plan")
struct PlanCommandTests {
    /// Builds a store with every kind of change: a create, an update (url + body), a delete, drift (disabled
    /// outside hookctl), a sensitive change, and webhooks of another set left alone.
    private func mixedWorkspace() async -> PlanWorkspace {
        var ws = PlanWorkspace()
        ws.declare("keep")
        ws.declare(
            "change",
            body: "{\n\"id\": \"{{data.id}}\",\n\"kind\": \"created\",\n\"a\": 1,\n\"b\": 2,\n\"c\": 3,\n\"d\": 4\n}")
        ws.declare("gone")
        ws.declare("paused")
        _ = await ws.apply()
        ws.remove("keep")
        ws.remove("change")
        ws.remove("gone")
        ws.remove("paused")
        ws.declare("theirs")
        _ = await ws.apply(set: "other-repo")
        ws.remove("theirs")
        ws.declare("keep")
        ws.declare("paused")
        ws.declare(
            "change", url: "https://hooks.example.com/v2",
            body: "{\n\"id\": \"{{data.id}}\",\n\"kind\": \"approved\",\n\"a\": 1,\n\"b\": 2,\n\"c\": 3,\n\"d\": 5\n}")
        ws.declare("new", triggers: "[Approved, Granted]")
        _ = await ws.run { await setEnabled("paused", false, $0, terminal: $1) }
        ws.environment["API_TOKEN"] = "rotated-" + PlanWorkspace.secret
        return ws
    }

    @Test(arguments: PlanOptions.Format.allCases)
    func goldenOutput(format: PlanOptions.Format) async {
        let ws = await mixedWorkspace()
        var options = PlanOptions(format: format)
        options.allowMassDelete = true
        let result = await ws.plan(options)
        #expect(result.code == 0, "\(result.err)")
        // The lineage is a fresh UUID per store; everything else is deterministic (the store key is fixed).
        let stable = result.out.replacing(
            /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, with: "<lineage>")
        expectGolden(stable, "plan/mixed.\(format == .markdown ? "md" : format.rawValue)")
        #expect(!result.out.contains(PlanWorkspace.secret))
    }

    @Test func noChangesAndDetailedExitCode() async {
        let ws = PlanWorkspace()
        ws.declare("a")
        var options = PlanOptions(detailedExitCode: true)
        #expect(await ws.plan(options).code == 2)
        #expect(await ws.apply().code == ApplyExit.applied)
        let result = await ws.plan(options)
        #expect(result.code == 0)
        #expect(result.out == "No changes. Live webhooks match webhooks.d.\n")
        options.detailedExitCode = false
        ws.declare("b")
        #expect(await ws.plan(options).code == 0)
    }

    @Test func missingSecretReferenceIsAnErrorAtItsPosition() async {
        var ws = PlanWorkspace()
        ws.environment["API_TOKEN"] = nil
        ws.declare("a")
        let result = await ws.plan()
        #expect(result.code == 1)
        #expect(result.err.contains("webhooks.d/a.yaml:6:10: error: environment variable API_TOKEN is not set"))
        #expect(result.err.contains("[secret.missing-env]"))
    }

    @Test func massDeleteNeedsTheFlag() async {
        let ws = PlanWorkspace()
        for name in ["a", "b", "c"] { ws.declare(name) }
        _ = await ws.apply()
        ws.remove("a")
        ws.remove("b")
        let refused = await ws.plan()
        #expect(refused.code == 1)
        #expect(refused.err.contains("the plan deletes 2 of 3 managed webhooks"))
        #expect(
            await ws.plan(PlanOptions(allowMassDelete: true)).out.contains("Plan: 0 to add, 0 to change, 2 to delete."))
    }

    @Test func markdownIsTruncatedWithinTheCommentLimit() async {
        let ws = PlanWorkspace()
        let big = (1...400).map { "\"field\($0)\": \"{{data.id}} padding padding padding padding padding\"," }.joined(
            separator: "\n")
        for i in 1...8 { ws.declare("w\(i)", body: "{\n\(big)\n\"end\": 1\n}") }
        let result = await ws.plan(PlanOptions(format: .markdown))
        #expect(result.out.utf8.count <= 65_536)
        #expect(result.out.contains("plan lines not shown"))
        #expect(result.out.contains("**Plan: 8 to add, 0 to change, 0 to delete.**"))
    }
}
