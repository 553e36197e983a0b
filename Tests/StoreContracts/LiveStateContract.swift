import Foundation
import Store
import Testing

/// The live-state contract every store implementation meets.
@Suite("Live state contract")
struct LiveStateContractTests {
    @Test(arguments: StoreKind.allCases)
    func freshStoreIsEmptyWithALineage(kind: StoreKind) async throws {
        let store = try kind.make(clock: ManualClock())
        let snapshot = try await store.snapshot()
        #expect(snapshot.serial == 0)
        #expect(snapshot.webhooks.isEmpty)
        #expect(UUID(uuidString: snapshot.lineage) != nil)
    }

    @Test(arguments: StoreKind.allCases)
    func createUpdateDeleteBumpVersionsAndSerial(kind: StoreKind) async throws {
        let clock = ManualClock()
        let store = try kind.make(clock: clock)
        let start = clock.now()
        var snapshot = try await store.snapshot()
        #expect(
            try await store.commit(
                Fixtures.changes(against: snapshot, upserts: [Fixtures.state("a"), Fixtures.state("b")])) == 1)

        snapshot = try await store.snapshot()
        let created = try #require(snapshot.webhooks["a"])
        #expect(created.version == 1)
        #expect(created.managedBy == "repo")
        #expect(created.createdAt == start && created.updatedAt == start)
        #expect(created.state == Fixtures.state("a"))

        clock.advance(by: .seconds(60))
        try await store.commit(
            Fixtures.changes(
                against: snapshot, upserts: [Fixtures.state("a", url: "https://example.com/v2")], deletes: ["b"]))
        snapshot = try await store.snapshot()
        #expect(snapshot.serial == 2)
        #expect(snapshot.webhooks["b"] == nil)
        let updated = try #require(snapshot.webhooks["a"])
        #expect(updated.version == 2)
        #expect(updated.createdAt == start)
        #expect(updated.updatedAt == start.addingTimeInterval(60))
        #expect(updated.state.webhook.url == "https://example.com/v2")
    }

    @Test(arguments: StoreKind.allCases)
    func setActiveIsRecordedAsDriftAndClearedByTheNextApply(kind: StoreKind) async throws {
        let store = try kind.make(clock: ManualClock())
        try await store.commit(Fixtures.changes(against: try await store.snapshot(), upserts: [Fixtures.state("a")]))
        try await store.setActive("a", false)
        var snapshot = try await store.snapshot()
        let disabled = try #require(snapshot.webhooks["a"])
        #expect(!disabled.state.webhook.active)
        #expect(disabled.driftedFields == ["active"])
        #expect(disabled.version == 2)
        #expect(snapshot.serial == 2)

        try await store.commit(Fixtures.changes(against: snapshot, upserts: [Fixtures.state("a")]))
        snapshot = try await store.snapshot()
        #expect(snapshot.webhooks["a"]?.driftedFields == [])
        #expect(snapshot.webhooks["a"]?.state.webhook.active == true)

        await #expect(throws: StoreError.notFound("missing")) { try await store.setActive("missing", true) }
    }

    @Test(arguments: StoreKind.allCases)
    func staleBySerialWritesNothing(kind: StoreKind) async throws {
        let store = try kind.make(clock: ManualClock())
        let planned = try await store.snapshot()
        try await store.commit(Fixtures.changes(against: planned, upserts: [Fixtures.state("other")]))
        let error = await #expect(throws: StoreError.self) {
            try await store.commit(Fixtures.changes(against: planned, upserts: [Fixtures.state("a")]))
        }
        #expect(error?.staleChanges == [.serial(planned: 0, current: 1)])
        let after = try await store.snapshot()
        #expect(after.serial == 1 && after.webhooks["a"] == nil)
        #expect(try await store.applyLog(limit: 10).count == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func staleByLineage(kind: StoreKind) async throws {
        let store = try kind.make(clock: ManualClock())
        var planned = try await store.snapshot()
        planned.lineage = "00000000-0000-0000-0000-000000000000"
        let error = await #expect(throws: StoreError.self) {
            try await store.commit(Fixtures.changes(against: planned, upserts: [Fixtures.state("a")]))
        }
        #expect(error?.staleChanges?.first.map { if case .lineage = $0 { true } else { false } } == true)
        #expect(try await store.snapshot().serial == 0)
    }

    @Test(arguments: StoreKind.allCases)
    func staleByObjectVersionListsTheObject(kind: StoreKind) async throws {
        let store = try kind.make(clock: ManualClock())
        try await store.commit(Fixtures.changes(against: try await store.snapshot(), upserts: [Fixtures.state("a")]))
        let planned = try await store.snapshot()
        try await store.setActive("a", false)
        var changes = Fixtures.changes(against: planned, upserts: [Fixtures.state("a", url: "https://example.com/v2")])
        changes.expectedSerial = try await store.snapshot().serial  // only the object moved
        let error = await #expect(throws: StoreError.self) { try await store.commit(changes) }
        #expect(error?.staleChanges == [.object(name: "a", planned: 1, current: 2)])
        #expect(error?.description.contains("webhook \"a\": version 1 when planned, now version 2") == true)
        #expect(try await store.snapshot().webhooks["a"]?.state.webhook.url == "https://example.com/hook")
    }

    @Test(arguments: StoreKind.allCases)
    func applyLogIsNewestFirstWithSerialAndTime(kind: StoreKind) async throws {
        let clock = ManualClock()
        let store = try kind.make(clock: clock)
        try await store.commit(Fixtures.changes(against: try await store.snapshot(), upserts: [Fixtures.state("a")]))
        clock.advance(by: .seconds(5))
        try await store.commit(Fixtures.changes(against: try await store.snapshot(), deletes: ["a"]))
        let log = try await store.applyLog(limit: 10)
        #expect(log.map(\.serial) == [2, 1])
        #expect(log.map(\.deleted) == [1, 0])
        #expect(log[0].appliedAt == clock.now())
        #expect(log[0].actor == "tester")
        #expect(try await store.applyLog(limit: 1).count == 1)
    }
}
