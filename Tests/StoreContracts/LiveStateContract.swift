import Foundation
public import Store
import Testing

/// The live-state contract every store implementation meets (with its apply log).
public enum LiveStateContract {
    public static func freshStoreIsEmptyWithALineage(_ make: StoreFactory<any ReconcilerStore>) async throws {
        let store = try await make(ManualClock())
        let snapshot = try await store.snapshot()
        #expect(snapshot.serial == 0)
        #expect(snapshot.webhooks.isEmpty)
        #expect(UUID(uuidString: snapshot.lineage) != nil)
    }

    public static func createUpdateDeleteBumpVersionsAndSerial(_ make: StoreFactory<any ReconcilerStore>) async throws {
        let clock = ManualClock()
        let store = try await make(clock)
        let start = clock.now.date
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

    public static func setActiveIsRecordedAsDriftAndClearedByTheNextApply(
        _ make: StoreFactory<any ReconcilerStore>
    ) async throws {
        let store = try await make(ManualClock())
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

    public static func staleBySerialWritesNothing(_ make: StoreFactory<any ReconcilerStore>) async throws {
        let store = try await make(ManualClock())
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

    public static func staleByLineage(_ make: StoreFactory<any ReconcilerStore>) async throws {
        let store = try await make(ManualClock())
        var planned = try await store.snapshot()
        planned.lineage = "00000000-0000-0000-0000-000000000000"
        let error = await #expect(throws: StoreError.self) {
            try await store.commit(Fixtures.changes(against: planned, upserts: [Fixtures.state("a")]))
        }
        #expect(error?.staleChanges?.first.map { if case .lineage = $0 { true } else { false } } == true)
        #expect(try await store.snapshot().serial == 0)
    }

    public static func staleByObjectVersionListsTheObject(_ make: StoreFactory<any ReconcilerStore>) async throws {
        let store = try await make(ManualClock())
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

    public static func applyLogIsNewestFirstWithSerialAndTime(_ make: StoreFactory<any ReconcilerStore>) async throws {
        let clock = ManualClock()
        let store = try await make(clock)
        try await store.commit(Fixtures.changes(against: try await store.snapshot(), upserts: [Fixtures.state("a")]))
        clock.advance(by: .seconds(5))
        try await store.commit(Fixtures.changes(against: try await store.snapshot(), deletes: ["a"]))
        let log = try await store.applyLog(limit: 10)
        #expect(log.map(\.serial) == [2, 1])
        #expect(log.map(\.deleted) == [1, 0])
        #expect(log[0].appliedAt == clock.now.date)
        #expect(log[0].actor == "tester")
        #expect(try await store.applyLog(limit: 1).count == 1)
    }

    public static func liveSerialMovesWithEveryWrite(_ make: StoreFactory<any ReconcilerStore>) async throws {
        let store = try await make(ManualClock())
        var seen = [try await store.liveSerial()]
        #expect(seen[0] == (try await store.snapshot()).liveSerial)
        try await store.commit(Fixtures.changes(against: try await store.snapshot(), upserts: [Fixtures.state("a")]))
        seen.append(try await store.liveSerial())
        try await store.setActive("a", false)
        seen.append(try await store.liveSerial())
        try await store.setActive("a", true)
        seen.append(try await store.liveSerial())
        #expect(seen.map(\.serial) == [0, 1, 2, 3])
        #expect(Set(seen.map(\.lineage)).count == 1)
        #expect(seen.last == (try await store.snapshot()).liveSerial)
        // A refused commit writes nothing, so the serial stays.
        let planned = LiveSnapshot(lineage: seen[0].lineage, serial: 0, webhooks: [:])
        await #expect(throws: StoreError.self) {
            try await store.commit(Fixtures.changes(against: planned, upserts: [Fixtures.state("b")]))
        }
        #expect(try await store.liveSerial() == seen.last)
    }

    /// Every check, for a backend's test target to run: `@Test(arguments: LiveStateContract.checks)`.
    public static let checks: [ContractCheck<any ReconcilerStore>] = [
        ContractCheck("freshStoreIsEmptyWithALineage", freshStoreIsEmptyWithALineage),
        ContractCheck("createUpdateDeleteBumpVersionsAndSerial", createUpdateDeleteBumpVersionsAndSerial),
        ContractCheck(
            "setActiveIsRecordedAsDriftAndClearedByTheNextApply", setActiveIsRecordedAsDriftAndClearedByTheNextApply),
        ContractCheck("staleBySerialWritesNothing", staleBySerialWritesNothing),
        ContractCheck("staleByLineage", staleByLineage),
        ContractCheck("staleByObjectVersionListsTheObject", staleByObjectVersionListsTheObject),
        ContractCheck("applyLogIsNewestFirstWithSerialAndTime", applyLogIsNewestFirstWithSerialAndTime),
        ContractCheck("liveSerialMovesWithEveryWrite", liveSerialMovesWithEveryWrite),
    ]
}
