import Foundation
import JSON
import SQLiteStore
import Store
import StoreContracts
import Synchronization
import TestSupport
import Testing
import WebhookModel

@testable import Runner

/// Concurrent intake requests committed together: each gets the answers for its own events, the same event twice
/// is still accepted once, and a failed commit fails every request it held.
@Suite struct IntakeCommitsTests {
    func sqliteStore(_ workspace: Workspace) async throws -> SQLiteStore {
        let store = try SQLiteStore(path: workspace.path("state.db"))
        try await store.commit(
            Fixtures.changes(
                against: try await store.snapshot(),
                upserts: ["a", "b"].map { RunnerFixtures.webhook($0, url: "https://\($0).example.com/in") }))
        return store
    }

    /// Runs `body` with `intake`'s group commit served, as the runner's service group serves it.
    static func serving<T: Sendable>(
        _ intake: EventIntake, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await intake.commits.run()
                return nil
            }
            // The group commit serves once it runs: until then a request would commit on its own.
            try await eventually("the group commit serves") { intake.commits.isServing }
            let result = try await body()
            group.cancelAll()
            return result
        }
    }

    static func array(_ value: JSONValue?) -> [JSONValue] {
        guard case .array(let items)? = value else { return [] }
        return items
    }

    @Test func concurrentRequestsEachGetTheirOwnAnswers() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let store = try await sqliteStore(workspace)
        let intake = EventIntake(queue: store)
        // 60 single events and 4 batches of 10 at once, and every single event also a second time.
        let answers = try await Self.serving(intake) {
            await withTaskGroup(of: (String, JSONValue).self) { group in
                for index in 0..<60 {
                    for copy in 0..<2 {
                        group.addTask {
                            let answer = await intake.acceptOne(
                                RunnerFixtures.event(id: "AR-\(index)"), idempotencyKey: nil)
                            #expect(answer.status == 202)
                            return ("AR-\(index)/\(copy)", answer.body)
                        }
                    }
                }
                for batch in 0..<4 {
                    group.addTask {
                        let items = (0..<10).map { RunnerFixtures.event(id: "B\(batch)-\($0)") }
                        let body = Array("[".utf8) + Array(items.joined(separator: Array(",".utf8))) + Array("]".utf8)
                        let answer = await intake.acceptBatch(body)
                        #expect(answer.status == 202)
                        return ("batch \(batch)", answer.body)
                    }
                }
                var all: [String: JSONValue] = [:]
                for await (name, body) in group { all[name] = body }
                return all
            }
        }
        var deliveries: Set<String> = []
        for index in 0..<60 {
            let first = try #require(answers["AR-\(index)/0"]), second = try #require(answers["AR-\(index)/1"])
            // One of the two was accepted, the other answered as its duplicate, with the same event and deliveries.
            #expect(first["event_id"] == second["event_id"])
            #expect(first["delivery_ids"] == second["delivery_ids"])
            #expect(Set([first["duplicate"], second["duplicate"]].compactMap { $0 }) == Set<JSONValue>([false, true]))
            for id in Self.array(first["delivery_ids"]) { deliveries.insert(id.stringValue ?? "") }
        }
        for batch in 0..<4 {
            let results = Self.array(answers["batch \(batch)"]?["results"])
            #expect(results.count == 10)
            for result in results {
                #expect(result["accepted"] == true && result["duplicate"] == false)
                for id in Self.array(result["delivery_ids"]) { deliveries.insert(id.stringValue ?? "") }
            }
        }
        #expect(deliveries.count == (60 + 40) * 2)
        let due = try await store.queueSummary(now: Date().addingTimeInterval(1)).rows.map(\.due)
        #expect(due == [100, 100])
    }

    @Test func aFailedCommitFailsEveryRequestItHeld() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let store = try await sqliteStore(workspace)
        try store.executeRaw("DROP TABLE delivery")
        let intake = EventIntake(queue: store)
        let statuses = try await Self.serving(intake) {
            await withTaskGroup(of: Int.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        await intake.acceptOne(RunnerFixtures.event(id: "AR-\(index)"), idempotencyKey: nil).status
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(statuses == Array(repeating: 503, count: 20))
    }

    /// A commit that stalls (the store's writer held elsewhere): the request it holds and the ones waiting behind it
    /// are each answered 503 when their time is up, not when the store lets go. The held one's events still commit;
    /// those of a request that gave up before its commit began are never written; and the next request, once the
    /// store is back, is accepted (no cancelled commit fails it).
    @Test(.timeLimit(.minutes(1))) func requestsGiveUpAtTheirDeadlineAndOnlyWhatWasCommittedStands() async throws {
        let gated = GatedCommits(
            try await RunnerFixtures.store([RunnerFixtures.webhook("a", url: "https://a.example.com/in")]))
        let intake = EventIntake(queue: gated, commitTimeout: .seconds(2))
        try await Self.serving(intake) {
            async let held = intake.acceptOne(RunnerFixtures.event(id: "AR-held"), idempotencyKey: nil)
            try await eventually("the first commit stalls") { gated.stalled }
            let behind = await intake.acceptOne(RunnerFixtures.event(id: "AR-behind"), idempotencyKey: nil)
            #expect(behind.status == 503 && behind.headers["Retry-After"] == "1", "\(behind)")
            #expect(await held.status == 503, "answered at its deadline, while its commit is still stalled")
            gated.release()
            try await eventually("the stalled commit landed") { gated.commits == 1 }

            let next = await intake.acceptOne(RunnerFixtures.event(id: "AR-next"), idempotencyKey: nil)
            #expect(next.status == 202 && next.body["duplicate"] == false, "\(next)")
            let heldAgain = await intake.acceptOne(RunnerFixtures.event(id: "AR-held"), idempotencyKey: nil)
            #expect(heldAgain.body["duplicate"] == true, "the held request's commit stood: \(heldAgain)")
            let behindAgain = await intake.acceptOne(RunnerFixtures.event(id: "AR-behind"), idempotencyKey: nil)
            #expect(behindAgain.body["duplicate"] == false, "the request that gave up was not written: \(behindAgain)")
        }
    }
}

/// An in-memory queue whose first enqueue stalls until released (a writer held elsewhere); it counts commits.
final class GatedCommits: RunnerStore, InMemoryWrapper {
    let store: InMemoryStore
    private let state = Mutex((stalled: false, released: false, commits: 0))

    init(_ store: InMemoryStore) { self.store = store }

    var stalled: Bool { state.withLock { $0.stalled } }
    var commits: Int { state.withLock { $0.commits } }
    func release() { state.withLock { $0.released = true } }

    func enqueue(_ events: [AcceptedEvent], now: Date, filter: FanOutFilter) async throws(StoreError) -> [Enqueued] {
        let first = state.withLock { state -> Bool in
            defer { state.stalled = true }
            return !state.stalled
        }
        // Polls rather than waits on a continuation: a stalled writer does not answer cancellation either.
        while first, !state.withLock({ $0.released }) { try? await Task.sleep(for: .milliseconds(5)) }
        let answers = try await store.enqueue(events, now: now, filter: filter)
        state.withLock { $0.commits += 1 }
        return answers
    }
}
