import Foundation
import PostgresNIO
import PostgresStore
import Store
import StoreContracts
import StoreSelection
import TestSupport
import Testing

/// PostgreSQL's own behaviour beyond the contracts: migrations, the key check, URLs.
@Suite("PostgreSQL store", .enabled(if: PostgresServer.enabled, PostgresServer.skipped))
struct PostgresStoreTests {
    @Test func twoProcessesStartingAtOnceMigrateOnce() async throws {
        let location = try await PostgresServer.freshDatabase()
        // Eight stores (as eight processes would) race to migrate one empty database.
        let serials = try await withThrowingTaskGroup(of: Int64.self) { group in
            for _ in 0..<8 {
                group.addTask { try await PostgresStore(location: location).snapshot().serial }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(serials == Array(repeating: 0, count: 8))
        let lineages = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<3 { group.addTask { try await PostgresStore(location: location).snapshot().lineage } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(lineages.count == 1, "one store identity, however many started it")
    }

    @Test func aDatabaseMigratedByANewerHookctlIsRefused() async throws {
        let location = try await PostgresServer.freshDatabase()
        _ = try await PostgresStore(location: location).snapshot()
        var admin = try PostgresServer.admin()
        admin.database = location.database
        let newer = try PostgresStore(location: admin)
        try await newer.executeRaw("INSERT INTO hookctl_migration (id, applied_at) VALUES ('v99-from-the-future', 0)")
        await #expect(throws: StoreError.newerSchema(unknown: ["v99-from-the-future"])) {
            _ = try await PostgresStore(location: location).snapshot()
        }
    }

    @Test func aDatabaseFromBeforeDisableReasonsGainsTheColumnAndKeepsItsWebhooks() async throws {
        let location = try await PostgresServer.freshDatabase()
        let old = try PostgresStore(location: location)
        try await old.commit(Fixtures.changes(against: try await old.snapshot(), upserts: [Fixtures.state("a")]))
        // Back to the schema before v5-disabled-reason, as an older hookctl left it.
        try await old.executeRaw(
            """
            ALTER TABLE webhook DROP COLUMN disabled_reason;
            DELETE FROM hookctl_migration WHERE id = 'v5-disabled-reason'
            """)
        let store = try PostgresStore(location: location)
        let live = try #require(try await store.snapshot().webhooks["a"])
        #expect(live.state.webhook.active && live.disabledReason == nil)
        try await store.executeRaw("UPDATE webhook SET disabled_reason = 'checked' WHERE name = 'a'")
        #expect(try await store.snapshot().webhooks["a"]?.disabledReason == "checked")
    }

    @Test func theSealingKeyMustMatchTheOneTheStoreWasCreatedWith() async throws {
        let location = try await PostgresServer.freshDatabase()
        _ = try await PostgresStore(location: location, keyCheck: "check-one").snapshot()
        _ = try await PostgresStore(location: location, keyCheck: "check-one").snapshot()
        await #expect(throws: StoreError.wrongKey) {
            _ = try await PostgresStore(location: location, keyCheck: "check-two").snapshot()
        }
    }

    /// The claim's query took some 40 ms of JIT compilation per call on PostgreSQL 15; every session turns it off,
    /// one-off connections and the runner's pool alike.
    @Test func everySessionRunsWithoutJIT() async throws {
        let location = try await PostgresServer.freshDatabase()
        let check = """
            DO $$ BEGIN
                IF current_setting('jit') <> 'off' THEN RAISE EXCEPTION 'jit is %', current_setting('jit'); END IF;
            END $$
            """
        let store = try PostgresStore(location: location)
        try await store.executeRaw(check)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            // The pool serves once `run` has started; until then calls use one-off connections, checked above.
            for _ in 0..<200 where !store.isServing { try await Task.sleep(for: .milliseconds(10)) }
            #expect(store.isServing)
            try await store.executeRaw(check)
            group.cancelAll()
        }
    }

    @Test func anUnreachableServerIsAClearError() async throws {
        let store = try PostgresStore(
            location: PostgresLocation(host: "127.0.0.1", port: 1, username: "nobody", database: "none", tls: .disable))
        do {
            _ = try await store.snapshot()
            Issue.record("a snapshot from a server that is not there")
        } catch {
            #expect(error.description.contains("cannot reach PostgreSQL"), "\(error)")
        }
    }
}
