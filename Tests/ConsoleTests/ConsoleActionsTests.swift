import Console
import Foundation
import Reconciler
import Store
import StoreContracts
import TestSupport
import Testing
import WebhookModel

/// Test, Activate/Deactivate, Redeliver and the history's pages, through the console against a real store.
@Suite struct ConsoleActionsTests {
    @Test func deactivatingIsDriftThatPlanReportsAndThePageSaysSo() async throws {
        let declared = StoredWebhook(
            webhook: ConsoleHarness.webhook("jira", url: "https://example.com/h"), secrets: [:])
        try await ConsoleHarness.withConsole(webhooks: { _ in [declared] }) { console in
            try await Browser.with(console.base) { browser in
                try await browser.login(ConsoleHarness.adminToken)
                let before = Planner.plan(
                    desired: [
                        DesiredWebhook(state: declared, location: SourceLocation(file: "j.yaml", line: 1, column: 1))
                    ],
                    live: try await console.store.snapshot(), setID: "repo")
                #expect(before.plan.changes.isEmpty)
                let reply = try await browser.post("/webhooks/jira/deactivate", [("back", "/webhooks")])
                #expect(reply.status == 303)
                let location = try #require(reply.header("Location"))
                let page = try await browser.get(location)
                #expect(page.body.contains(#"<p id="drift-note">"#))
                #expect(page.body.contains("next plan shows this as drift"))
                #expect(page.body.contains(#"data-action="activate""#))
                let after = Planner.plan(
                    desired: [
                        DesiredWebhook(state: declared, location: SourceLocation(file: "j.yaml", line: 1, column: 1))
                    ],
                    live: try await console.store.snapshot(), setID: "repo")
                let change = try #require(after.plan.changes.first)
                #expect(change.drift.map(\.path) == ["active"])
            }
        }
    }

    @Test func aFailingReceiverShowsFailureWithItsResponse() async throws {
        let answer = CannedResponse(
            status: 503, reason: "Service Unavailable", body: #"{"error":"down for <maintenance>"}"#)
        try await withReceiver(answering: answer) { receiver in
            try await ConsoleHarness.withConsole(
                webhooks: { _ in [.init(webhook: ConsoleHarness.webhook("jira", url: receiver.url("/h")), secrets: [:])]
                },
                allow: [receiver.allowTarget]
            ) { console in
                try await Browser.with(console.base) { browser in
                    try await browser.login(ConsoleHarness.adminToken)
                    let page = try await browser.post("/webhooks/jira/test", [("trigger", "Approved")])
                    #expect(page.status == 200)
                    #expect(page.body.contains(#"<p id="test-result" class="Failure">Failure</p>"#))
                    #expect(page.body.contains(#"<aside id="side-panel" class="open">"#))
                    #expect(page.body.contains("HTTP 503"))
                    #expect(page.body.contains("down for &lt;maintenance&gt;"))
                    #expect(receiver.log.all.count == 1)
                    #expect(receiver.log.all.first?.bodyText.contains("AccessRequestApproved") == true)
                    let recorded = try await console.store.invocations(.init(webhook: "jira", limit: 5))
                    #expect(recorded.count == 1)
                    #expect(recorded.first?.trigger == .test)
                    #expect(recorded.first?.status == .failure)
                }
            }
        }
    }

    @Test func redeliverQueuesTheFailedEventAgain() async throws {
        try await ConsoleHarness.withConsole(webhooks: { _ in
            [.init(webhook: ConsoleHarness.webhook("jira", url: "https://example.com/h"), secrets: [:])]
        }) { console in
            let now = Date()
            let enqueued = try await console.store.enqueue(
                [
                    AcceptedEvent(
                        idempotencyKey: "k1", trigger: .created, accessRequestID: "123", eventTime: now,
                        payload: Array(#"{"event_type":"AccessRequestCreated"}"#.utf8), receivedAt: now)
                ], now: now)
            let eventID = try #require(enqueued.first?.eventID)
            let failed = Invocation(
                id: Invocation.newID(), webhook: "jira", eventID: eventID, trigger: .created, attempt: 2,
                startedAt: now, durationMilliseconds: 12, address: "203.0.113.9", status: .failure,
                failureReason: "HTTP 500",
                request: InvocationRequest(
                    method: "POST", url: "https://example.com/h",
                    headers: [], body: Array("{}".utf8)), response: nil)
            try await console.store.record(failed)
            try await Browser.with(console.base) { browser in
                try await browser.login(ConsoleHarness.adminToken)
                let history = try await browser.get("/history")
                #expect(history.body.contains(#"<tr data-invocation="\#(failed.id)" data-status="Failure">"#))
                #expect(history.body.contains(#"data-action="redeliver""#))
                let before = try await console.store.queueSummary(now: Date()).rows.first { $0.webhook == "jira" }
                let reply = try await browser.post("/history/\(failed.id)/redeliver", [])
                #expect(reply.status == 303)
                let page = try await browser.get(try #require(reply.header("Location")))
                #expect(page.body.contains(#"<p id="flash">Queued "#))
                #expect(page.body.contains("event \(eventID) to jira again"))
                let after = try await console.store.queueSummary(now: Date()).rows.first { $0.webhook == "jira" }
                #expect((after?.pending ?? 0) == (before?.pending ?? 0) + 1)
            }
        }
    }

    @Test func historyPagesByKeysetNewestFirst() async throws {
        try await ConsoleHarness.withConsole { console in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            for index in 0..<120 {
                try await console.store.record(
                    Invocation(
                        id: String(format: "inv_%04d", index), webhook: index % 2 == 0 ? "even" : "odd",
                        eventID: "evt_\(index)", trigger: .created, attempt: 1,
                        startedAt: start.addingTimeInterval(Double(index)), durationMilliseconds: 5, address: nil,
                        status: index % 3 == 0 ? .failure : .success, failureReason: nil,
                        request: InvocationRequest(method: "POST", url: "https://example.com", headers: [], body: []),
                        response: nil))
            }
            try await Browser.with(console.base) { browser in
                try await browser.login(ConsoleHarness.adminToken)
                var seen: [String] = []
                var path = "/history?webhook=even"
                for _ in 0..<5 {
                    let page = try await browser.get(path)
                    #expect(page.status == 200)
                    seen += Self.ids(page.body)
                    guard let next = Self.nextPage(page.body) else { break }
                    path = next
                }
                let expected = (0..<120).filter { $0 % 2 == 0 }.reversed().map { String(format: "inv_%04d", $0) }
                #expect(seen == expected, "every even invocation once, newest first, across pages")
                let failures = Self.ids(try await browser.get("/history?status=Failure&webhook=odd").body)
                #expect(failures.count == 20)
                let bad = try await browser.get("/history?since=yesterday")
                #expect(bad.status == 400)
                #expect(bad.body.contains("since &quot;yesterday&quot; is not a time"))
            }
        }
    }

    static func ids(_ body: String) -> [String] {
        body.components(separatedBy: #"<tr data-invocation=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    static func nextPage(_ body: String) -> String? {
        guard let start = body.range(of: #"<a id="next-page" href=""#) else { return nil }
        return String(body[start.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }
}
