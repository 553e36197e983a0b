import Foundation
import HookctlCore
import TestSupport
import Testing

@Suite("--allow-target across commands")
struct AllowTargetCommandTests {
    @Test func validateAndPlanAcceptExactlyTheAllowedTarget() async throws {
        let workspace = try Workspace()
        try workspace.declare(TestCommandTests.declaration(port: 18_443))
        let (refused, _, _) = Terminal.capturing()
        #expect(validate(ValidateOptions(currentDirectory: workspace.path), terminal: refused) == CheckExit.findings)

        var options = ValidateOptions(currentDirectory: workspace.path)
        options.allowTargets = AllowTargets(["127.0.0.1:18443"])
        let (allowed, _, warning) = Terminal.capturing()
        #expect(validate(options, terminal: allowed) == CheckExit.clean)
        #expect(warning.text.contains("warning: --allow-target exempts 127.0.0.1:18443"))

        let (fromEnvironment, _, _) = Terminal.capturing(environment: ["HOOKCTL_ALLOW_TARGETS": "127.0.0.1:18443"])
        let viaEnvironment = validate(ValidateOptions(currentDirectory: workspace.path), terminal: fromEnvironment)
        #expect(viaEnvironment == CheckExit.clean)

        var plan = PlanOptions(currentDirectory: workspace.path, store: "sqlite:\(workspace.path)/state.db")
        plan.allowTargets = AllowTargets(["127.0.0.1:18443"])
        let (planTerminal, planOut, planErr) = Terminal.capturing(environment: TestCommandTests.environment)
        #expect(await HookctlCore.plan(plan, terminal: planTerminal) == 0, "\(planErr.text)")
        #expect(planOut.text.contains("loopback"))
    }

    @Test func lintAcceptsExactlyTheAllowedTarget() throws {
        let workspace = try Workspace()
        try workspace.declare(TestCommandTests.declaration(port: 18_443))
        let (refused, refusedOut, _) = Terminal.capturing()
        #expect(lint(LintOptions(currentDirectory: workspace.path), terminal: refused) == CheckExit.findings)
        #expect(refusedOut.text.contains("[url."))

        var options = LintOptions(currentDirectory: workspace.path)
        options.allowTargets = AllowTargets(["127.0.0.1:18443"])
        let (allowed, out, warning) = Terminal.capturing()
        #expect(lint(options, terminal: allowed) == CheckExit.clean, "\(out.text)")
        #expect(warning.text.contains("warning: --allow-target exempts 127.0.0.1:18443"))
    }
}
