import Foundation
import Testing

@testable import HookctlCore

/// A webhook name that is not live: `redeliver --webhook` refuses it (nothing to queue to), and `history` with no
/// rows says so beside its empty table; both suggest the nearest live name.
@Suite("a webhook name that is not live")
struct UnknownWebhookNameTests {
    @Test func redeliverRefusesItAndHistoryNotesIt() async throws {
        let ws = PlanWorkspace()
        ws.declare("jira-tickets")
        #expect(await ws.apply().code == ApplyExit.applied)

        var options = RedeliverOptions()
        (options.webhook, options.status, options.currentDirectory) = ("jira-ticket", "failure", ws.root)
        let (terminal, out, err) = Terminal.capturing(environment: ws.environment)
        #expect(await redeliver(options, terminal: terminal) == StoreCommandExit.error)
        #expect(out.text.isEmpty)
        #expect(
            err.text
                == "error: no live webhook named \"jira-ticket\" (hookctl list shows them); did you mean "
                + "\"jira-tickets\"?\n")

        let history = HistoryOptions(webhook: "jira-ticket", currentDirectory: ws.root)
        let (historyTerminal, listed, noted) = Terminal.capturing(environment: ws.environment)
        #expect(await showHistory(history, terminal: historyTerminal) == StoreCommandExit.done)
        #expect(listed.text == "No invocations.\n")
        #expect(noted.text.hasPrefix("note: no live webhook is named \"jira-ticket\""), "\(noted.text)")

        // A live name with no rows yet has an empty table and no note.
        let known = HistoryOptions(webhook: "jira-tickets", currentDirectory: ws.root)
        let (knownTerminal, _, quiet) = Terminal.capturing(environment: ws.environment)
        #expect(await showHistory(known, terminal: knownTerminal) == StoreCommandExit.done)
        #expect(quiet.text.isEmpty)
        var redelivery = RedeliverOptions()
        (redelivery.webhook, redelivery.currentDirectory) = ("jira-tickets", ws.root)
        let (liveTerminal, nothing, _) = Terminal.capturing(environment: ws.environment)
        #expect(await redeliver(redelivery, terminal: liveTerminal) == StoreCommandExit.done)
        #expect(nothing.text == "No matching invocations; nothing was queued.\n")
    }
}
