import Foundation
import JSON
import Store
import Testing
import WebhookModel

@testable import Runner

/// The intake's answers, apart from HTTP: every answer says what happened or exactly what was wrong.
@Suite struct EventIntakeTests {
    func intake(_ webhooks: [StoredWebhook]) async throws -> (EventIntake, InMemoryStore) {
        let store = try await RunnerFixtures.store(webhooks)
        return (EventIntake(queue: store), store)
    }

    let hooks = [
        RunnerFixtures.webhook("a", url: "https://a.example.com/in"),
        RunnerFixtures.webhook("b", url: "https://b.example.com/in", triggers: [.created, .granted]),
        RunnerFixtures.webhook("c", url: "https://c.example.com/in", triggers: [.granted]),
        RunnerFixtures.webhook("off", url: "https://d.example.com/in", active: false),
    ]

    @Test func anEventFansOutToEveryActiveWebhookOfItsTrigger() async throws {
        let (intake, store) = try await intake(hooks)
        let answer = await intake.acceptOne(RunnerFixtures.event(.created), idempotencyKey: nil)
        #expect(answer.status == 202)
        let ids = try #require(
            answer.body["delivery_ids"].flatMap { value -> [String]? in
                guard case .array(let items) = value else { return nil }
                return items.compactMap(\.stringValue)
            })
        #expect(ids.count == 2)
        let webhooks = try await ids.asyncMap { try await store.delivery(id: $0)?.webhook }
        #expect(Set(webhooks.compactMap { $0 }) == ["a", "b"])
        #expect(answer.body["duplicate"] == false)
        #expect(answer.body["event_id"]?.stringValue?.hasPrefix("evt_") == true)
    }

    @Test func theSameEventTwiceIsAcceptedOnce() async throws {
        let (intake, _) = try await intake(hooks)
        let first = await intake.acceptOne(RunnerFixtures.event(), idempotencyKey: nil)
        let again = await intake.acceptOne(RunnerFixtures.event(), idempotencyKey: nil)
        #expect(again.status == 202)
        #expect(again.body["duplicate"] == true)
        #expect(again.body["event_id"] == first.body["event_id"])
        #expect(again.body["delivery_ids"] == first.body["delivery_ids"])
        // Another access request, or the same one at another time, is another event…
        #expect(await intake.acceptOne(RunnerFixtures.event(id: "124"), idempotencyKey: nil).body["duplicate"] == false)
        #expect(await intake.acceptOne(RunnerFixtures.event(time: 2), idempotencyKey: nil).body["duplicate"] == false)
        // …unless the client says it is the same with its Idempotency-Key.
        let keyed = await intake.acceptOne(RunnerFixtures.event(id: "900"), idempotencyKey: "k-1")
        let keyedAgain = await intake.acceptOne(RunnerFixtures.event(id: "901"), idempotencyKey: "k-1")
        #expect(keyedAgain.body["duplicate"] == true)
        #expect(keyedAgain.body["event_id"] == keyed.body["event_id"])
    }

    @Test func invalidJSONSaysWhere() async throws {
        let (intake, _) = try await intake(hooks)
        let answer = await intake.acceptOne(
            Array(#"{"event_type": "AccessRequestCreated",}"#.utf8), idempotencyKey: nil)
        #expect(answer.status == 400)
        #expect(answer.body["error"]?.stringValue?.hasPrefix("the body is not valid JSON") == true)
        #expect(answer.body["line"] == 1)
        #expect(answer.body["column"] == 39)
    }

    @Test func anEventWithARepeatedKeyOrAnInfiniteTimeIsRefused() async throws {
        let (intake, store) = try await intake(hooks)
        let event = String(decoding: RunnerFixtures.event(), as: UTF8.self)
        let repeated = await intake.acceptOne(
            Array(("{\"event_type\": \"AccessRequestGranted\", " + event.dropFirst()).utf8), idempotencyKey: nil)
        #expect(repeated.status == 400)
        #expect(repeated.body["error"]?.stringValue?.contains(#"the key "event_type" is written twice"#) == true)
        let time = try #require(event.range(of: #""event_time":"#))
        let infinite = event.replacingCharacters(in: time, with: #""event_time":1e999,"ignored":"#)
        let answer = await intake.acceptOne(Array(infinite.utf8), idempotencyKey: nil)
        #expect(answer.status == 400)
        #expect(answer.body["error"]?.stringValue?.contains("too large") == true, "\(answer.body)")
        #expect(try await store.queueSummary(now: Date()).rows.isEmpty, "nothing was queued")
    }

    @Test func twoRequestsWhoseIDsDifferAfterANulAreNotOneEvent() async throws {
        // Text columns end at a NUL: "nul\0A" and "nul\0B" would share an idempotency key, and the second be lost.
        let (intake, store) = try await intake(hooks)
        let answer = await intake.acceptOne(RunnerFixtures.event(id: "nul\u{0}A"), idempotencyKey: nil)
        #expect(answer.status == 400)
        #expect(answer.body["problems"]?[0]?["path"] == "$.data.id")
        #expect(answer.body["problems"]?[0]?["message"]?.stringValue?.contains("U+0000") == true)
        let batch = await intake.acceptBatch(
            Array("[\(String(decoding: RunnerFixtures.event(id: "x\u{0}"), as: UTF8.self))]".utf8))
        #expect(batch.body["results"]?[0]?["problems"]?[0]?["path"] == "$[0].data.id", "\(batch.body)")
        #expect(try await store.queueSummary(now: Date()).rows.isEmpty, "nothing was queued")
    }

    @Test func anIdempotencyKeyOver255CharactersIsRefused() async throws {
        let (intake, _) = try await intake(hooks)
        let long = await intake.acceptOne(RunnerFixtures.event(), idempotencyKey: String(repeating: "k", count: 256))
        #expect(long.status == 400)
        #expect(long.body["error"] == "the Idempotency-Key is 256 characters; at most 255")
        let fits = await intake.acceptOne(RunnerFixtures.event(), idempotencyKey: String(repeating: "k", count: 255))
        #expect(fits.status == 202)
    }

    @Test func deepNestingAndInvalidUTF8AreRefusedCleanly() async throws {
        let (intake, _) = try await intake(hooks)
        let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
        #expect(await intake.acceptOne(deep, idempotencyKey: nil).status == 400)
        #expect(await intake.acceptOne([0x22, 0xFF, 0xFE, 0x22], idempotencyKey: nil).status == 400)
        #expect(await intake.acceptOne([], idempotencyKey: nil).status == 400)
    }

    @Test func aSchemaViolationListsEveryProblemWithItsPath() async throws {
        let (intake, store) = try await intake(hooks)
        guard case .object(var event) = try JSONValue(parsing: RunnerFixtures.event()) else { return }
        event["event_type"] = "AccessRequestExploded"
        event["data"] = ["friendly_id": 7]
        let answer = await intake.acceptOne(JSONValue.object(event).serialized(), idempotencyKey: nil)
        #expect(answer.status == 400)
        guard case .array(let problems)? = answer.body["problems"] else {
            Issue.record("no problems listed: \(answer.body)")
            return
        }
        let paths = Set(problems.compactMap { $0["path"]?.stringValue })
        #expect(paths.contains("$.event_type"))
        #expect(paths.contains("$.data.id"))
        #expect(paths.contains("$.data.friendly_id"))
        #expect(try await store.queueSummary(now: Date()).rows.isEmpty, "nothing was queued")
        let array = await intake.acceptOne(Array("[1, 2]".utf8), idempotencyKey: nil)
        #expect(array.status == 400)
        #expect(array.body["problems"]?[0]?["message"] == "must be a JSON object, not an array")
    }

    @Test func aBatchAnswersPerItemAndCommitsTheValidOnesTogether() async throws {
        let (intake, _) = try await intake(hooks)
        let body =
            "["
            + [
                String(decoding: RunnerFixtures.event(id: "1"), as: UTF8.self), #"{"event_type": 5}"#,
                String(decoding: RunnerFixtures.event(.granted, id: "2"), as: UTF8.self),
                String(decoding: RunnerFixtures.event(id: "1"), as: UTF8.self),
            ].joined(separator: ",") + "]"
        let answer = await intake.acceptBatch(Array(body.utf8))
        #expect(answer.status == 202)
        #expect(answer.body["accepted"] == 3)
        #expect(answer.body["rejected"] == 1)
        let results = answer.body["results"]
        #expect(results?[0]?["accepted"] == true)
        #expect(results?[1]?["accepted"] == false)
        #expect(results?[1]?["problems"]?[0]?["path"]?.stringValue?.hasPrefix("$[1]") == true)
        #expect(results?[2]?["delivery_ids"].map { if case .array(let ids) = $0 { ids.count } else { 0 } } == 2)
        #expect(results?[3]?["duplicate"] == true, "the same event twice in one batch is accepted once")
        #expect(results?[3]?["event_id"] == results?[0]?["event_id"])
    }

    @Test func batchesAreBounded() async throws {
        let (intake, _) = try await intake(hooks)
        let many = "[" + Array(repeating: "{}", count: 1_001).joined(separator: ",") + "]"
        let answer = await intake.acceptBatch(Array(many.utf8))
        #expect(answer.status == 400)
        #expect(answer.body["error"]?.stringValue?.contains("at most 1000 events") == true)
        #expect(await intake.acceptBatch(Array("{}".utf8)).status == 400)
    }

    @Test func aStoreThatCannotCommitInTimeIsA503WithRetryAfter() async throws {
        let intake = EventIntake(queue: StalledQueue(), commitTimeout: .milliseconds(50))
        let answer = try await IntakeCommitsTests.serving(intake) {
            await intake.acceptOne(RunnerFixtures.event(), idempotencyKey: nil)
        }
        #expect(answer.status == 503)
        #expect(answer.headers["Retry-After"] == "1")
    }
}

/// A queue whose commits never finish, for the intake's 503.
struct StalledQueue: DeliveryQueueStore {
    func enqueue(
        _ events: [AcceptedEvent], now: Date, filter: FanOutFilter
    ) async throws(StoreError) -> [Enqueued] {
        try? await Task.sleep(for: .seconds(60))
        throw .backend("stalled")
    }
    func claim(
        lane: DeliveryLane, limit: Int, owner: String, lease: Duration, now: Date, excluding: Set<String>
    ) async throws(StoreError)
        -> [ClaimedDelivery]
    { [] }
    func extendLeases(
        _ deliveryIDs: [String], owner: String, lease: Duration, now: Date
    ) async throws(StoreError) -> Set<String> { [] }
    func finish(_ results: [AttemptResult], owner: String, now: Date) async throws(StoreError) -> [String: String] {
        [:]
    }
    func redeliver(eventID: String, webhook: String, now: Date) async throws(StoreError) -> String { "" }
    func nextDueAt() async throws(StoreError) -> Date? { nil }
    func queueSummary(now: Date) async throws(StoreError) -> QueueSummary { QueueSummary(rows: []) }
    func delivery(id: String) async throws(StoreError) -> QueuedDelivery? { nil }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
