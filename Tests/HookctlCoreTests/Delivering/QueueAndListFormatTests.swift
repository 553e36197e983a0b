import Foundation
import JSON
import SQLiteStore
import Store
import Testing

@testable import HookctlCore

/// `queue` says why the runner disabled a webhook, and `queue` and `list` print versioned JSON for scripts.
@Suite("hookctl queue and list, their formats")
struct QueueAndListFormatTests {
    /// A store where the runner disabled `gone` after a 410, as its workers record it, and `kept` is active.
    func workspaceWithAGoneReceiver() async throws -> PlanWorkspace {
        let ws = PlanWorkspace()
        ws.declare("gone", url: "https://gone.example.com/in")
        ws.declare("kept", url: "https://kept.example.com/in")
        #expect(await ws.apply().code == ApplyExit.applied)
        let store = try SQLiteStore(path: ws.storePath)
        let now = Date()
        let event = AcceptedEvent(
            id: AcceptedEvent.newID(), idempotencyKey: "k1", trigger: .created, accessRequestID: "ar-1",
            eventTime: now, payload: Array(#"{"event_type":"AccessRequestCreated","data":{"id":"ar-1"}}"#.utf8),
            receivedAt: now)
        _ = try await store.enqueue([event], now: now)
        let claimed = try await store.claim(lane: .first, limit: 10, owner: "w", lease: .seconds(60), now: now)
        let gone = try #require(claimed.first { $0.delivery.webhook == "gone" })
        let disabled = try await store.finish(
            [
                AttemptResult(
                    deliveryID: gone.delivery.id, invocation: nil, outcome: .failed(reason: "HTTP 410 Gone"),
                    disableWebhook: "the receiver answered 410 Gone")
            ], owner: "w", now: now)
        #expect(disabled == ["gone": "the receiver answered 410 Gone"])
        return ws
    }

    @Test func queueSaysWhyTheRunnerDisabledAWebhook() async throws {
        let ws = try await workspaceWithAGoneReceiver()
        let text = await ws.run { await showQueue($0, terminal: $1) }
        #expect(text.code == StoreCommandExit.done, "\(text.err)")
        let gone = try #require(text.out.split(separator: "\n").first { $0.hasPrefix("gone ") }, "\(text.out)")
        #expect(gone.contains("○ disabled by the runner "), "\(gone)")
        #expect(
            text.out.hasSuffix(
                "\ngone was disabled by the runner: the receiver answered 410 Gone. Once its receiver is fixed: "
                    + "hookctl enable gone\n"), "\(text.out)")

        let json = await ws.run { await showQueue($0, format: .json, terminal: $1) }
        let document = try JSONValue(parsing: json.out)
        #expect(document["format_version"] == "1")
        guard case .array(let rows)? = document["webhooks"] else { throw JSONShapeError(text: json.out) }
        #expect(rows.map { $0["webhook"] } == ["gone", "kept"])
        #expect(rows[0]["state"] == "disabled")
        #expect(rows[0]["disabled_reason"] == "the receiver answered 410 Gone")
        #expect(rows[1]["state"] == "active")
        #expect(rows[1]["disabled_reason"] == .null)
        #expect(rows[1]["pending"] == 1, "kept's delivery of the event is still queued")

        // Enabled again, the reason is gone with the drift of `active`.
        #expect(await ws.run { await setEnabled("gone", true, $0, terminal: $1) }.code == StoreCommandExit.done)
        let after = await ws.run { await showQueue($0, terminal: $1) }
        #expect(!after.out.contains("disabled by the runner"), "\(after.out)")
    }

    @Test func listPrintsVersionedJSON() async throws {
        let ws = try await workspaceWithAGoneReceiver()
        let listed = await ws.run { await list($0, format: .json, terminal: $1) }
        #expect(listed.code == StoreCommandExit.done, "\(listed.err)")
        let document = try JSONValue(parsing: listed.out)
        #expect(document["format_version"] == "1")
        guard case .array(let webhooks)? = document["webhooks"] else { throw JSONShapeError(text: listed.out) }
        let gone = try #require(webhooks.first { $0["name"] == "gone" })
        #expect(gone["active"] == false)
        #expect(gone["managed_here"] == true)
        #expect(gone["drifted_fields"] == ["active"])
        #expect(gone["disabled_reason"] == "the receiver answered 410 Gone")
        #expect(gone["host"]?.stringValue?.isEmpty == false)
        #expect(!listed.out.contains(PlanWorkspace.secret), "no secret in the listing")
    }
}

struct JSONShapeError: Error, CustomStringConvertible {
    let text: String
    var description: String { "unexpected JSON: \(text)" }
}
