import Foundation
import JSON
import SQLiteStore
import Store
import StoreContracts
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

    static func array(_ value: JSONValue?) -> [JSONValue] {
        guard case .array(let items)? = value else { return [] }
        return items
    }

    @Test func concurrentRequestsEachGetTheirOwnAnswers() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let store = try await sqliteStore(workspace)
        let intake = EventIntake(queue: store)
        // 60 single events and 4 batches of 10 at once, and every single event also a second time.
        let answers = await withTaskGroup(of: (String, JSONValue).self) { group in
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
        let statuses = await withTaskGroup(of: Int.self) { group in
            for index in 0..<20 {
                group.addTask {
                    await intake.acceptOne(RunnerFixtures.event(id: "AR-\(index)"), idempotencyKey: nil).status
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 503, count: 20))
    }
}
