import Foundation
import StoreSelection
import TestSupport
import Testing

@testable import HookctlCore

@Suite("hookctl history")
struct HistoryCommandTests {
    @Test func testAttemptsAreRecordedListedAndShown() async throws {
        try await withReceiver(answering: CannedResponse()) { receiver in
            let workspace = try Workspace()
            try workspace.declare(TestCommandTests.declaration(port: receiver.port))
            let store = "sqlite:\(workspace.path)/state.db"
            // `test` only records into an existing store: make one as hookctl does.
            _ = try StoreOpener.standard.open(.sqlite(path: "\(workspace.path)/state.db"), environment: [:])

            let sent = await TestCommandTests().run(workspace, port: receiver.port, store: store)
            #expect(sent.code == 0, "\(sent.err)")
            let id = try #require(sent.err.split(separator: " ").first { $0.hasPrefix("inv_") }.map(String.init))

            let (terminal, out, err) = Terminal.capturing()
            let listed = await showHistory(
                HistoryOptions(webhook: "loopback", since: "1h", store: store, currentDirectory: workspace.path),
                terminal: terminal)
            #expect(listed == 0, "\(err.text)")
            #expect(out.text.hasPrefix("TIME"))
            #expect(out.text.contains(id))
            #expect(out.text.contains("Test"))
            #expect(out.text.contains("Success"))

            let (jsonTerminal, json, _) = Terminal.capturing()
            _ = await showHistory(
                HistoryOptions(status: "failure", format: .json, store: store, currentDirectory: workspace.path),
                terminal: jsonTerminal)
            #expect(json.text == #"{"format_version":"1","invocations":[]}"# + "\n")

            let (showTerminal, shown, _) = Terminal.capturing()
            #expect(
                await showInvocation(id: id, store: store, terminal: showTerminal, currentDirectory: workspace.path)
                    == 0
            )
            #expect(shown.text.contains("> Authorization: Bearer [redacted]"))
            #expect(shown.text.contains(#"< {"ok":true}"#))
            #expect(!shown.text.contains("tok-very-secret"))
        }
    }

    @Test func badFiltersAreUsageErrors() async {
        let (terminal, _, err) = Terminal.capturing()
        #expect(await showHistory(HistoryOptions(status: "meh"), terminal: terminal) == 2)
        #expect(await showHistory(HistoryOptions(trigger: "Deleted"), terminal: terminal) == 2)
        #expect(await showHistory(HistoryOptions(since: "yesterday"), terminal: terminal) == 2)
        #expect(err.text.contains("--status \"meh\" is neither success nor failure"))
    }

    @Test func missingStoreIsAnError() async {
        let (terminal, _, err) = Terminal.capturing()
        let code = await showHistory(
            HistoryOptions(store: "sqlite:/nonexistent-\(UUID())/state.db"), terminal: terminal)
        #expect(code == 1)
        #expect(err.text.contains("no store at"))
    }
}

@Suite("history printers")
struct HistoryPrinterTests {
    @Test func bodiesThatAreNotUTF8AreShownAndFlagged() {
        let text = HistoryDetailPrinter.body([0x66, 0xFF, 0x0A], prefix: "< ", truncated: true)
        #expect(text.hasPrefix("< f\u{FFFD}\n"))
        #expect(text.contains("< (3 bytes, not valid UTF-8: invalid bytes shown as U+FFFD)\n"))
        #expect(text.hasSuffix("< (truncated: only the first 64 KiB were read)\n"))
        #expect(HistoryDetailPrinter.body([], prefix: "> ", truncated: false) == "> (empty body)\n")
    }
}
