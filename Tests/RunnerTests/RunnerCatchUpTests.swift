import Foundation
import Hummingbird
import JSON
import SQLiteStore
import Store
import StoreContracts
import Synchronization
import TestSupport
import Testing
import WebhookModel

@testable import Runner

/// A receiver down for a while, then back: a real runner over a real SQLite file keeps accepting events while its
/// receiver is not listening at all, then answers 503, and delivers every one of them once it is healthy again.
/// Time moves by a manual clock, so the retry schedule is the declaration's own (30 s) without waiting for it.
@Suite struct RunnerCatchUpTests {
    typealias Name = RunnerMetrics.Name

    @Test func aReceiverDownForAWhileThenBackGetsEveryAcceptedEvent() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let clock = ManualClock(WallInstant(Date()))
        let store = try SQLiteStore(path: workspace.path("state.db"), clock: clock)
        // A loopback port that refuses connections; the receiver comes back on it later.
        let down = try RefusingPort()
        let port = down.port
        let webhook = "down-then-back"
        try await store.commit(
            Fixtures.changes(
                against: try await store.snapshot(),
                upserts: [
                    RunnerFixtures.webhook(
                        webhook, url: "http://127.0.0.1:\(port)/in",
                        retry: RetryPolicy(maxAttempts: 20, schedule: [.seconds(30)]))
                ]))
        let service = RunnerServiceTests()
        try await service.withRunner(store: store, clock: clock, allow: ["127.0.0.1:\(port)"]) { intake in
            func accept(_ ids: Range<Int>) async throws -> [String] {
                let events = ids.map { String(decoding: RunnerFixtures.event(id: "AR-\($0)"), as: UTF8.self) }
                let answer = try await service.post(
                    intake + "/v1/events/batch", Array(("[" + events.joined(separator: ",") + "]").utf8))
                #expect(answer.body?["accepted"] == .number(Double(ids.count)))
                guard case .array(let results)? = answer.body?["results"] else { return [] }
                return results.compactMap { $0["delivery_ids"]?[0]?.stringValue }
            }
            func attempts(_ ids: [String]) async throws -> [Int] {
                var made: [Int] = []
                for id in ids { made.append(try await store.delivery(id: id)?.attemptsMade ?? -1) }
                return made
            }

            // Down: nothing listens, every first attempt is refused; the events are accepted all the same.
            let refused = try await accept(0..<30)
            #expect(refused.count == 30)
            try await eventually("every first attempt was refused") {
                try await attempts(refused).allSatisfy { $0 >= 1 }
            }
            #expect(try await store.delivery(id: refused[0])?.state == .pending)

            down.release()
            let healthy = Mutex(false)
            let answered = Mutex<Set<String>>([])
            try await withReceiver(
                port: port,
                routes: { router, _ in
                    router.post("/in") { request, _ -> Response in
                        guard healthy.withLock({ $0 }) else { return Response(status: .serviceUnavailable) }
                        var request = request
                        let body = try await request.collectBody(upTo: 1 << 16)
                        if let id = try? JSONValue(parsing: Array(body.readableBytesView))["id"]?.stringValue {
                            answered.withLock { _ = $0.insert(id) }
                        }
                        return Response(status: .ok)
                    }
                }
            ) { receiver in
                // Back on its port but unwell: 503 to the new events and to the first ones' retries.
                let unavailable = try await accept(30..<60)
                try await eventually("every new event was tried") {
                    try await attempts(unavailable).allSatisfy { $0 >= 1 }
                }
                try await eventually("the backlog shows in the queue gauge") {
                    try await PrometheusText.scrape(intake + "/metrics").text.value(
                        Name.queueDepth, ["webhook": webhook]) == 60
                }
                clock.advance(by: .seconds(40))
                try await eventually("every delivery was tried again, and answered 503") {
                    try await attempts(refused + unavailable).allSatisfy { $0 >= 2 }
                }
                #expect(receiver.log.count(path: "/in") >= 60)
                #expect(try await store.delivery(id: refused[0])?.lastFailure == "HTTP 503 Service Unavailable")

                // Healthy again: the next retries deliver everything accepted meanwhile.
                healthy.withLock { $0 = true }
                clock.advance(by: .seconds(40))
                let all = refused + unavailable
                try await eventually("every accepted event was delivered") {
                    for id in all where try await store.delivery(id: id)?.state != .delivered { return false }
                    return true
                }
                #expect(answered.withLock { $0 } == Set((0..<60).map { "AR-\($0)" }))
                let successes = try await store.invocations(
                    InvocationQuery(webhook: webhook, status: .success, limit: 1_000))
                #expect(Set(successes.map(\.eventID)).count == 60, "every event has a recorded success")
                #expect(try await store.queueSummary(now: clock.now.date).rows.allSatisfy { $0.pending == 0 })
                try await eventually("the gauge shows the queue drained") {
                    let text = try await PrometheusText.scrape(intake + "/metrics").text
                    return text.value(Name.queueDepth, ["webhook": webhook]) == 0
                        && text.value(Name.deliveryAttempts, ["webhook": webhook, "outcome": "delivered"]) == 60
                }
            }
        }
    }
}
