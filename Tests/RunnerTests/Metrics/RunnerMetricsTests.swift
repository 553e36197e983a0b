import Foundation
import Hummingbird
import JSON
import Logging
import Store
import TestSupport
import Testing
import WebhookModel

@testable import Runner

/// `GET /metrics` of a real runner delivering to a real loopback receiver, scraped over HTTP and parsed.
@Suite struct RunnerMetricsTests {
    typealias Name = RunnerMetrics.Name

    @Test func aSuccessAndARetriedFailureAreCountedWithTheirLatencies() async throws {
        let flaky = FailsOnce()
        try await withReceiver(routes: { router, _ in
            router.post("/ok") { _, _ in Response(status: .ok) }
            router.post("/flaky") { _, _ in flaky.answer() }
        }) { receiver in
            let clock = ManualClock(WallInstant(Date()))
            let store = try await RunnerFixtures.store(
                [
                    RunnerFixtures.webhook("ok", url: receiver.url("/ok")),
                    RunnerFixtures.webhook("flaky", url: receiver.url("/flaky")),
                ], clock: clock)
            try await withRunner(store: store, clock: clock, allow: [receiver.allowTarget]) { intake in
                let metrics = intake + "/metrics"
                let answer = try await post(intake + "/v1/events", RunnerFixtures.event(id: "AR-1"))
                #expect(answer.status == 202)
                try await eventually("both attempts are counted") {
                    let text = try await PrometheusText.scrape(metrics).text
                    return text.value(Name.deliveryAttempts, ["webhook": "ok", "outcome": "delivered"]) == 1
                        && text.value(Name.deliveryAttempts, ["webhook": "flaky", "outcome": "retrying"]) == 1
                }
                let (first, contentType) = try await PrometheusText.scrape(metrics)
                #expect(contentType == "text/plain; version=0.0.4; charset=utf-8")
                #expect(first.types[Name.deliveryAttempts] == "counter")
                #expect(first.types[Name.attemptDuration] == "histogram")
                #expect(first.types[Name.sendsInFlight] == "gauge")
                #expect(first.samples(Name.deliveryAttempts).count == 2, "nothing else was counted")
                #expect(first.samples(Name.deliveryAttempts, matching: ["outcome": "failed"]).isEmpty)
                try Self.expectHistogram(first, webhook: "ok", count: 1)
                try Self.expectHistogram(first, webhook: "flaky", count: 1)

                // The retry, 30 s later on the schedule: the flaky webhook's delivery is done.
                clock.advance(by: .seconds(40))
                try await eventually("the retry is counted") {
                    try await PrometheusText.scrape(metrics).text.value(
                        Name.deliveryAttempts, ["webhook": "flaky", "outcome": "delivered"]) == 1
                }
                let second = try await PrometheusText.scrape(metrics).text
                #expect(second.value(Name.deliveryAttempts, ["webhook": "flaky", "outcome": "retrying"]) == 1)
                #expect(second.value(Name.deliveryAttempts, ["webhook": "ok", "outcome": "delivered"]) == 1)
                try Self.expectHistogram(second, webhook: "flaky", count: 2)
                #expect(second.value(Name.sendsInFlight, ["lane": "first"]) == 0)
                #expect(second.value(Name.sendsInFlight, ["lane": "retry"]) == 0)
            }
        }
    }

    @Test func intakeAnswersAreCountedByOutcomeAndStatus() async throws {
        let store = try await RunnerFixtures.store([])
        try await withRunner(store: store, clock: SystemClock(), allow: []) { intake in
            let url = intake + "/v1/events"
            #expect(try await post(url, RunnerFixtures.event(id: "A")).status == 202)
            #expect(try await post(url, RunnerFixtures.event(id: "A")).body?["duplicate"] == true)
            #expect(try await post(url, Array(#"{"event_type": "AccessRequestCreated"}"#.utf8)).status == 400)
            #expect(try await post(url, Array("{".utf8)).status == 400)
            #expect(try await post(url, RunnerFixtures.event(), token: nil).status == 401)
            #expect(try await post(url, [], method: "PUT").status == 405)
            let batch = "[" + String(decoding: RunnerFixtures.event(id: "B"), as: UTF8.self) + ", 7]"
            #expect(try await post(intake + "/v1/events/batch", Array(batch.utf8)).body?["rejected"] == 1)

            let text = try await PrometheusText.scrape(intake + "/metrics").text
            #expect(text.value(Name.intakeEvents, ["outcome": "accepted"]) == 2)
            #expect(text.value(Name.intakeEvents, ["outcome": "duplicate"]) == 1)
            #expect(text.value(Name.intakeEvents, ["outcome": "rejected"]) == 2, "a schema failure and a batch item")
            #expect(text.value(Name.intakeResponses, ["status": "202"]) == 3)
            #expect(text.value(Name.intakeResponses, ["status": "400"]) == 2)
            #expect(text.value(Name.intakeResponses, ["status": "401"]) == 1)
            #expect(text.value(Name.intakeResponses, ["status": "405"]) == 1)

            #expect(try await post(intake + "/metrics", [], method: "POST").status == 405)
            let again = try await PrometheusText.scrape(intake + "/metrics").text
            #expect(
                again.samples(Name.intakeResponses).map(\.value).reduce(0, +) == 7,
                "scrapes and other paths are not intake answers")
        }
    }

    /// Attempt latencies are exposed in seconds, as the metric's name says: known durations give a known sum and
    /// fall in the buckets their values name (a `le` bound includes its own value).
    @Test func attemptLatenciesAreInSeconds() throws {
        let metrics = RunnerMetrics()
        metrics.attemptTook(.milliseconds(250), webhook: "w")
        metrics.attemptTook(.milliseconds(1_500), webhook: "w")
        let text = try PrometheusText(String(decoding: metrics.render(), as: UTF8.self))
        #expect(text.value(Name.attemptDuration + "_sum", ["webhook": "w"]) == 1.75)
        #expect(text.value(Name.attemptDuration + "_count", ["webhook": "w"]) == 2)
        func bucket(_ bound: Double) -> Double? {
            text.samples(Name.attemptDuration + "_bucket", matching: ["webhook": "w"])
                .first { $0.labels["le"].flatMap(Double.init) == bound }?.value
        }
        #expect(bucket(0.25) == 1)
        #expect(bucket(1) == 1)
        #expect(bucket(2.5) == 2)
        try Self.expectHistogram(text, webhook: "w", count: 2)
    }

    /// The store counts as reachable only while it answers every user: reads that succeed do not hide commits that
    /// fail, and the gauge comes back once the failing user is answered again.
    @Test func theStoreIsReachableOnlyWhileItAnswersEveryUser() throws {
        let metrics = RunnerMetrics()
        func reachable() throws -> Double? {
            try PrometheusText(String(decoding: metrics.render(), as: UTF8.self)).value(Name.storeReachable)
        }
        metrics.storeReachable(true, for: .queueGauges)
        #expect(try reachable() == 1)
        metrics.storeReachable(false, for: .workers)
        #expect(try reachable() == 0)
        metrics.storeReachable(true, for: .queueGauges)
        #expect(try reachable() == 0, "a queue read that succeeds does not hide the workers' failing commits")
        metrics.storeReachable(false, for: .queueGauges)
        metrics.storeReachable(true, for: .workers)
        #expect(try reachable() == 0)
        metrics.storeReachable(true, for: .queueGauges)
        #expect(try reachable() == 1)
    }

    @Test func theQueueGaugesShowABacklogAndItsAge() async throws {
        let clock = ManualClock(WallInstant(Date()))
        let store = try await RunnerFixtures.store(
            [RunnerFixtures.webhook("a", url: "https://a.example.com/in")], clock: clock)
        let events = try (0..<3).map { index in
            try EventIntake.event(
                from: JSONValue(parsing: RunnerFixtures.event(id: "AR-\(index)")), idempotencyKey: nil,
                receivedAt: clock.now.date)
        }
        _ = try await store.enqueue(events, now: clock.now.date)
        clock.advance(by: .seconds(90))
        let metrics = RunnerMetrics()
        let gauges = QueueGauges(
            queue: store, clock: clock, metrics: metrics, interval: .seconds(5), logger: Logger(label: "test"))
        let known = await gauges.refresh([])
        #expect(known == ["a"])
        let backlog = try PrometheusText(String(decoding: metrics.render(), as: UTF8.self))
        #expect(backlog.value(Name.queueDepth, ["webhook": "a"]) == 3)
        #expect(backlog.value(Name.queueDue, ["webhook": "a"]) == 3)
        #expect(backlog.value(Name.oldestDueAge, ["webhook": "a"]) == 90)
        #expect(backlog.types[Name.queueDepth] == "gauge")

        let claimed = try await store.claim(
            lane: .first, limit: 10, owner: "w", lease: .seconds(60), now: clock.now.date)
        try await store.finish(
            claimed.map { AttemptResult(deliveryID: $0.delivery.id, invocation: nil, outcome: .delivered) },
            owner: "w", now: clock.now.date)
        _ = await gauges.refresh(known)
        let drained = try PrometheusText(String(decoding: metrics.render(), as: UTF8.self))
        #expect(drained.value(Name.queueDepth, ["webhook": "a"]) == 0, "a drained queue reads 0, not its last depth")
        #expect(drained.value(Name.oldestDueAge, ["webhook": "a"]) == 0)
    }

    /// One webhook's attempt-latency histogram: every bucket present, cumulative, `+Inf` equal to the count.
    static func expectHistogram(
        _ text: PrometheusText, webhook: String, count: Double,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let buckets = text.samples(Name.attemptDuration + "_bucket", matching: ["webhook": webhook])
        let bounds = RunnerMetrics.attemptDurationBuckets.map(\.seconds)
        let byBound = Dictionary(
            uniqueKeysWithValues: buckets.compactMap { sample in sample.labels["le"].map { ($0, sample.value) } })
        #expect(byBound.count == bounds.count + 1, "every bucket and +Inf: \(byBound)", sourceLocation: sourceLocation)
        let ordered = try bounds.map { bound in
            try #require(
                byBound.first { Double($0.key) == bound }?.value, "a bucket le=\(bound)",
                sourceLocation: sourceLocation)
        }
        #expect(ordered == ordered.sorted(), "buckets are cumulative: \(ordered)", sourceLocation: sourceLocation)
        #expect(byBound["+Inf"] == count, sourceLocation: sourceLocation)
        #expect(
            text.value(Name.attemptDuration + "_count", ["webhook": webhook]) == count, sourceLocation: sourceLocation)
        let sum = try #require(
            text.value(Name.attemptDuration + "_sum", ["webhook": webhook]), sourceLocation: sourceLocation)
        #expect(sum > 0, sourceLocation: sourceLocation)
    }

    func withRunner<T: Sendable>(
        store: any RunnerStore, clock: any WallClock, allow: [String],
        _ body: @Sendable (_ intake: String) async throws -> T
    ) async throws -> T {
        try await RunnerServiceTests().withRunner(store: store, clock: clock, allow: allow, body)
    }

    func post(
        _ url: String, _ body: [UInt8], token: String? = RunnerFixtures.token, method: String = "POST"
    ) async throws -> (status: Int, headers: [String: String], body: JSONValue?) {
        try await RunnerServiceTests().post(url, body, token: token, method: method)
    }
}
