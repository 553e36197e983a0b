import AsyncHTTPClient
import Delivery
import Foundation
import Hummingbird
import JSON
import Logging
import NIOCore
import Store
import StoreContracts
import TestSupport
import Testing
import WebhookModel

@testable import Runner

/// A real runner on loopback — its intake over HTTP, its workers sending to real receivers — over an in-memory
/// store whose clock the tests move.
@Suite struct RunnerServiceTests {
    /// Runs a runner over `store` for `body`, then cancels it. Its queue gauges refresh every 50 ms.
    func withRunner<T: Sendable>(
        store: any RunnerStore, clock: any WallClock, allow: [String], concurrency: Int = 256, perHostLimit: Int = 32,
        lease: Duration = .seconds(300), pollInterval: Duration = .milliseconds(50),
        idleTimeout: Duration = .seconds(30), bodyTimeout: Duration = .seconds(30), maxConnections: Int = 1_024,
        metrics: RunnerMetrics = RunnerMetrics(), logger given: Logger? = nil,
        _ body: @Sendable (_ intake: String) async throws -> T
    ) async throws -> T {
        let configuration = RunnerConfiguration(
            port: 0, ingestToken: RunnerFixtures.token, concurrency: concurrency, perHostLimit: perHostLimit,
            lease: lease, pollInterval: pollInterval, idleTimeout: idleTimeout, bodyTimeout: bodyTimeout,
            maxConnections: maxConnections, owner: "test-runner", metrics: metrics,
            queueMetricsInterval: .milliseconds(50))
        let sender = Sender(
            addressGuard: AddressGuard(allowList: try TargetAllowList(allow)), clock: clock)
        var logger = given ?? Logger(label: "runner-test")
        if given == nil { logger.logLevel = .warning }
        let runner = Runner(
            configuration: configuration, store: store, key: try StoreKey(base64: StoreKey.generateBase64()),
            sender: sender, clock: clock, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await runner.run(signals: false) { port in
                    continuation.yield(port)
                    continuation.finish()
                }
            }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            defer { group.cancelAll() }
            return try await body("http://127.0.0.1:\(port)")
        }
    }

    /// POSTs `body` to the intake.
    /// Posts `events` sample events (`AR-B-I` ids) to the batch endpoint, `batch` per request, and waits until the
    /// store has none pending and `receiver` has had `deliveries` requests.
    func postAndDrain(
        _ events: Int, inBatchesOf batch: Int, to intake: String, store: any RunnerStore, receiver: Receiver,
        deliveries: Int
    ) async throws {
        for index in 0..<(events / batch) {
            let body = (0..<batch).map {
                String(decoding: RunnerFixtures.event(id: "AR-\(index)-\($0)"), as: UTF8.self)
            }
            let answer = try await post(
                intake + "/v1/events/batch", Array(("[" + body.joined(separator: ",") + "]").utf8))
            #expect(answer.status == 202 || answer.status == 207, "\(answer)")
        }
        try await eventually("every delivery was recorded", attempts: 3_000) {
            try await store.queueSummary(now: Date()).rows.allSatisfy { $0.pending == 0 }
                && receiver.log.all.count >= deliveries
        }
    }

    func post(
        _ url: String, _ body: [UInt8], token: String? = RunnerFixtures.token, contentType: String = "application/json",
        method: String = "POST", headers: [String: String] = [:]
    ) async throws -> (status: Int, headers: [String: String], body: JSONValue?) {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.headers.add(name: "Content-Type", value: contentType)
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        var answerHeaders: [String: String] = [:]
        for header in response.headers { answerHeaders[header.name.lowercased()] = header.value }
        return (Int(response.status.code), answerHeaders, try? JSONValue(parsing: Array(bytes.readableBytesView)))
    }

    @Test func anAcceptedEventReachesItsReceiverAndIsRecorded() async throws {
        try await withReceiver(answering: CannedResponse()) { receiver in
            let store = try await RunnerFixtures.store([
                RunnerFixtures.webhook("loopback", url: receiver.url("/in")),
                RunnerFixtures.webhook("granted-only", url: receiver.url("/granted"), triggers: [.granted]),
            ])
            try await withRunner(store: store, clock: SystemClock(), allow: [receiver.allowTarget]) { intake in
                let answer = try await post(intake + "/v1/events", RunnerFixtures.event(id: "AR-9"))
                #expect(answer.status == 202)
                let id = try #require(answer.body?["delivery_ids"]?[0]?.stringValue)
                try await eventually("the receiver got the event") { receiver.log.count(path: "/in") == 1 }
                let seen = try #require(receiver.log.all.first)
                #expect(seen.bodyText == #"{"id": "AR-9", "type": "AccessRequestCreated"}"#)
                #expect(seen.headers["content-type"] == "application/json")
                try await eventually("the delivery is done") { try await store.delivery(id: id)?.state == .delivered }
                let history = try await store.invocations(InvocationQuery(webhook: "loopback", limit: 10))
                #expect(history.count == 1)
                #expect(history.first?.status == .success)
                #expect(history.first?.trigger == .created)
                #expect(receiver.log.count(path: "/granted") == 0)
            }
        }
    }

    @Test func everyIntakeAnswerSaysWhatWasWrong() async throws {
        let store = try await RunnerFixtures.store([])
        try await withRunner(store: store, clock: SystemClock(), allow: []) { intake in
            let url = intake + "/v1/events"
            let event = RunnerFixtures.event()
            let missing = try await post(url, event, token: nil)
            #expect(missing.status == 401)
            #expect(missing.headers["www-authenticate"] == "Bearer")
            #expect(try await post(url, event, token: "wrong").status == 401)
            let typed = try await post(url, event, contentType: "text/plain")
            #expect(typed.status == 415)
            #expect(typed.body?["error"]?.stringValue?.contains("text/plain") == true)
            let method = try await post(url, [], method: "GET")
            #expect(method.status == 405)
            #expect(method.headers["allow"] == "POST")
            let huge = try await post(url, Array(repeating: UInt8(ascii: " "), count: (1 << 20) + 1))
            #expect(huge.status == 413)
            let bad = try await post(url, Array("{".utf8))
            #expect(bad.status == 400)
            #expect(bad.body?["error"]?.stringValue?.hasPrefix("the body is not valid JSON") == true)
            var twice = HTTPClientRequest(url: url)
            twice.method = .POST
            twice.headers.add(name: "Authorization", value: "Bearer \(RunnerFixtures.token)")
            twice.headers.add(name: "Content-Type", value: "application/json")
            twice.headers.add(name: "Idempotency-Key", value: "a")
            twice.headers.add(name: "Idempotency-Key", value: "b")
            twice.body = .bytes(ByteBuffer(bytes: event))
            let conflicting = try await HTTPClient.shared.execute(twice, timeout: .seconds(10))
            #expect(conflicting.status.code == 400)
            let reason = String(buffer: try await conflicting.body.collect(upTo: 1 << 16))
            #expect(reason.contains("Idempotency-Key is given 2 times"), "\(reason)")
            let accepted = try await post(url, event)
            #expect(accepted.status == 202)
            #expect(accepted.body?["delivery_ids"] == [], "no webhook subscribes, so nothing is queued")
            let healthy = try await post(intake + "/healthz", [], method: "GET")
            #expect(healthy.body?["status"] == "ok")
            // HEAD wherever GET is served: the GET's headers, no body.
            let head = try await post(intake + "/healthz", [], method: "HEAD")
            #expect(head.status == 200)
            #expect(head.body == nil)
            #expect(head.headers["content-length"] == healthy.headers["content-length"])
            let posted = try await post(intake + "/healthz", [], method: "POST")
            #expect(posted.status == 405)
            #expect(posted.headers["allow"] == "GET, HEAD")
            let lost = try await post(intake + "/v1/event", event)
            #expect(lost.status == 404)
            #expect(lost.headers["content-type"] == "application/json")
            #expect(
                lost.body?["error"]?.stringValue?.hasPrefix("there is nothing at /v1/event; the intake serves ")
                    == true,
                "\(lost.body as Any)")
            #expect(lost.body?["error"]?.stringValue?.contains("POST /v1/events,") == true)
        }
    }

    /// Also with one send at a time: half the concurrency is no retry at all, and the retry lane still gets one.
    @Test(arguments: [256, 1])
    func aFailingReceiverIsRetriedOnTheScheduleUntilItAnswers(concurrency: Int) async throws {
        let flaky = FailsOnce()
        try await withReceiver(routes: { router, _ in
            router.post("/flaky") { _, _ in flaky.answer() }
        }) { receiver in
            let clock = ManualClock(WallInstant(Date()))
            let store = try await RunnerFixtures.store(
                [RunnerFixtures.webhook("flaky", url: receiver.url("/flaky"))], clock: clock)
            try await withRunner(
                store: store, clock: clock, allow: [receiver.allowTarget], concurrency: concurrency,
                perHostLimit: min(32, concurrency)
            ) { intake in
                let answer = try await post(intake + "/v1/events", RunnerFixtures.event())
                let id = try #require(answer.body?["delivery_ids"]?[0]?.stringValue)
                try await eventually("the first attempt failed") {
                    try await store.delivery(id: id)?.attemptsMade == 1
                }
                let pending = try #require(try await store.delivery(id: id))
                #expect(pending.state == .pending)
                #expect(pending.lastFailure == "HTTP 503 Service Unavailable")
                let wait = pending.dueAt.timeIntervalSince(clock.now.date)
                #expect((27...33).contains(wait), "retried on the schedule (30 s ± 10 %), not at once: \(wait)")
                #expect(flaky.count == 1)

                clock.advance(by: .seconds(40))
                try await eventually("the retry succeeded") { try await store.delivery(id: id)?.state == .delivered }
                #expect(flaky.count == 2)
                let history = try await store.invocations(InvocationQuery(webhook: "flaky", limit: 10))
                #expect(history.map(\.attempt).sorted() == [1, 2])
                #expect(history.map(\.status.rawValue).sorted() == ["Failure", "Success"])
            }
        }
    }

    @Test func aBlackholedReceiverDoesNotHoldUpAHealthyOne() async throws {
        try await withReceiver(routes: { router, _ in
            router.post("/blackhole") { _, _ -> Response in
                try await Task.sleep(for: .seconds(60))
                return Response(status: .ok)
            }
        }) { blackhole in
            try await withReceiver(answering: CannedResponse()) { healthy in
                var stuck = RunnerFixtures.webhook("stuck", url: blackhole.url("/blackhole"))
                stuck.webhook.timeout = .seconds(25)
                let store = try await RunnerFixtures.store([
                    stuck, RunnerFixtures.webhook("healthy", url: healthy.url("/in")),
                ])
                try await withRunner(
                    store: store, clock: SystemClock(), allow: [blackhole.allowTarget, healthy.allowTarget],
                    concurrency: 8, perHostLimit: 2
                ) { intake in
                    let events = (0..<20).map { String(decoding: RunnerFixtures.event(id: "AR-\($0)"), as: UTF8.self) }
                    let answer = try await post(
                        intake + "/v1/events/batch", Array(("[" + events.joined(separator: ",") + "]").utf8))
                    #expect(answer.body?["accepted"] == 20)
                    try await eventually("the healthy receiver got every event") {
                        healthy.log.count(path: "/in") == 20
                    }
                    #expect(blackhole.log.count(path: "/blackhole") <= 2, "the per-host limit holds the blackhole to 2")
                    try await eventually("every healthy attempt is recorded") {
                        try await store.invocations(InvocationQuery(webhook: "healthy", status: .success, limit: 100))
                            .count == 20
                    }
                    let stuckAttempts = try await store.invocations(InvocationQuery(webhook: "stuck", limit: 100))
                    #expect(stuckAttempts.isEmpty, "every healthy delivery was made while the blackhole still hung")
                }
            }
        }
    }

    @Test func configurationChangesTakeEffectWithoutARestart() async throws {
        try await withReceiver(answering: CannedResponse()) { receiver in
            let store = try await RunnerFixtures.store([RunnerFixtures.webhook("a", url: receiver.url("/a"))])
            try await withRunner(store: store, clock: SystemClock(), allow: [receiver.allowTarget]) { intake in
                #expect(try await post(intake + "/v1/events", RunnerFixtures.event(id: "1")).status == 202)
                try await eventually("a got the first event") { receiver.log.count(path: "/a") == 1 }

                // An apply adds b: the next event fans out to it.
                try await store.commit(
                    Fixtures.changes(
                        against: try await store.snapshot(),
                        upserts: [RunnerFixtures.webhook("b", url: receiver.url("/b"))]))
                let second = try await post(intake + "/v1/events", RunnerFixtures.event(id: "2"))
                #expect(second.body?["delivery_ids"].map { if case .array(let ids) = $0 { ids.count } else { 0 } } == 2)
                try await eventually("b got the second event") { receiver.log.count(path: "/b") == 1 }

                // hookctl disable a: the next event goes to b only.
                try await store.setActive("a", false)
                _ = try await post(intake + "/v1/events", RunnerFixtures.event(id: "3"))
                try await eventually("b got the third event") { receiver.log.count(path: "/b") == 2 }
                #expect(receiver.log.count(path: "/a") == 2, "a got the first two events, not the third")
            }
        }
    }

    @Test func aQueuedDeliveryWhoseWebhookWasDisabledEndsAsAFailure() async throws {
        try await withReceiver(routes: { router, _ in
            router.post("/down") { _, _ in Response(status: .serviceUnavailable) }
        }) { receiver in
            let clock = ManualClock(WallInstant(Date()))
            let store = try await RunnerFixtures.store(
                [RunnerFixtures.webhook("down", url: receiver.url("/down"))], clock: clock)
            try await withRunner(store: store, clock: clock, allow: [receiver.allowTarget]) { intake in
                let answer = try await post(intake + "/v1/events", RunnerFixtures.event())
                let id = try #require(answer.body?["delivery_ids"]?[0]?.stringValue)
                try await eventually("the first attempt failed") { try await store.delivery(id: id)?.attemptsMade == 1 }
                try await store.setActive("down", false)
                clock.advance(by: .seconds(40))
                try await eventually("the delivery ended") { try await store.delivery(id: id)?.state == .failed }
                #expect(try await store.delivery(id: id)?.lastFailure == "webhook disabled")
                #expect(receiver.log.count(path: "/down") == 1, "nothing more was sent to a disabled webhook")
                let history = try await store.invocations(InvocationQuery(webhook: "down", limit: 10))
                #expect(history.first?.failureReason == "webhook disabled")
            }
        }
    }
}
