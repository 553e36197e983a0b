import Foundation
import JSON
import Store
import StoreSelection
import TestSupport
import Testing

@testable import HookctlCore

@Suite("hookctl history --before and --until")
struct HistoryPagingTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Seven attempts, one a minute, the last three at the same second, in a real SQLite store.
    func seededStore() async throws -> (Workspace, String) {
        let workspace = try Workspace()
        let path = workspace.root.appendingPathComponent("state.db").path
        // Made as hookctl makes a store, with its key file beside it.
        let store = try StoreOpener.standard.open(.sqlite(path: path), environment: [:]).store
        for i in 0..<7 {
            let startedAt = Self.now.addingTimeInterval(-600 + 60 * Double(min(i, 4)))
            try await store.record(
                Invocation(
                    id: "inv_\(i)", webhook: "jira", eventID: "evt_\(i)", trigger: .created, attempt: 1,
                    startedAt: startedAt, durationMilliseconds: 5, address: nil, status: .success, failureReason: nil,
                    request: InvocationRequest(
                        method: "POST", url: "https://hooks.example.com/", headers: [], body: []),
                    response: nil))
        }
        return (workspace, "sqlite:\(path)")
    }

    func page(_ options: HistoryOptions) async throws -> (ids: [String], next: String?) {
        let (terminal, out, err) = Terminal.capturing()
        #expect(await showHistory(options, terminal: terminal, now: Self.now) == 0, "\(err.text)")
        let json = try JSONValue(parsing: Array(out.text.utf8))
        guard case .array(let items)? = json["invocations"] else { return ([], nil) }
        return (items.compactMap { $0["id"]?.stringValue }, json["next_before"]?.stringValue)
    }

    @Test func fullPagesCarryTheCursorOfTheNextAndTheLastDoesNot() async throws {
        let (workspace, store) = try await seededStore()
        var options = HistoryOptions(limit: 3, format: .json, store: store, currentDirectory: workspace.path)
        var seen: [String] = []
        for _ in 0..<5 {
            let (ids, next) = try await page(options)
            seen += ids
            guard let next else { break }
            options.before = next
        }
        #expect(seen == ["inv_6", "inv_5", "inv_4", "inv_3", "inv_2", "inv_1", "inv_0"])

        // The table says how to get the next page, on standard error so the table stays a table.
        let (terminal, out, err) = Terminal.capturing()
        let text = HistoryOptions(limit: 3, store: store, currentDirectory: workspace.path)
        #expect(await showHistory(text, terminal: terminal, now: Self.now) == 0)
        #expect(out.text.hasPrefix("TIME"))
        #expect(err.text.hasPrefix("more: hookctl history --before "))
    }

    @Test func untilKeepsOnlyOlderAttempts() async throws {
        let (workspace, store) = try await seededStore()
        let options = HistoryOptions(
            until: "7m", format: .json, store: store, currentDirectory: workspace.path)
        #expect(try await page(options).ids == ["inv_2", "inv_1", "inv_0"])
    }

    @Test func aBadCursorOrUntilIsAUsageErrorThatSaysWhatIsAccepted() async throws {
        let (terminal, _, err) = Terminal.capturing()
        #expect(await showHistory(HistoryOptions(before: "page-2"), terminal: terminal) == 2)
        #expect(err.text.contains(#"--before "page-2" is not a page cursor"#))
        #expect(await showHistory(HistoryOptions(until: "soon"), terminal: terminal) == 2)
        #expect(err.text.contains(#"--until "soon" is not a duration"#))
    }
}
