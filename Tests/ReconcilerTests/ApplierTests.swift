import Foundation
import Reconciler
import SQLiteStore
import Store
import TestSupport
import Testing
import WebhookModel

/// Applies against real SQLite files.
@Suite("Applier")
struct ApplierTests {
    private func plan(
        _ store: any ReconcilerStore, _ webhooks: [Webhook], allowMassDelete: Bool = false
    ) async throws -> Plan {
        let outcome = Planner.plan(
            desired: webhooks.map { Support.desired($0) }, live: try await store.snapshot(), setID: "repo",
            allowMassDelete: allowMassDelete)
        #expect(!outcome.hasErrors)
        return outcome.plan
    }

    @Test func appliesCreateUpdateDeleteAndIsIdempotent() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let store = try Support.sqlite(in: workspace)
        let applier = Applier(store: store, owner: "test@host pid 1")
        let first = try await plan(store, [Support.webhook("a"), Support.webhook("b")])
        let result = try await applier.apply(first, planDigest: "d1", actor: "alice")
        #expect(result == .init(serial: 1, added: 2, changed: 0, deleted: 0))

        let again = try await plan(store, [Support.webhook("a"), Support.webhook("b")])
        #expect(!again.hasChanges, "applying twice: the second plan has no changes")

        let second = try await plan(store, [Support.webhook("a", url: "https://example.com/v2")], allowMassDelete: true)
        #expect(second.changes.map(\.action) == [.update, .delete])
        _ = try await applier.apply(second, planDigest: "d2", actor: "alice")
        let live = try await store.snapshot()
        #expect(live.webhooks.keys.sorted() == ["a"])
        #expect(live.webhooks["a"]?.version == 2)
        #expect(live.webhooks["a"]?.managedBy == "repo")
        #expect(try await store.applyLog(limit: 5).map(\.planDigest) == ["d2", "d1"])
        #expect(try await store.currentLock() == nil, "the lock is released after apply")
    }

    @Test func driftIsRevertedByApply() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let store = try Support.sqlite(in: workspace)
        let applier = Applier(store: store, owner: "o")
        _ = try await applier.apply(try await plan(store, [Support.webhook("a")]), planDigest: "d", actor: "a")
        try await store.setActive("a", false)
        let revert = try await plan(store, [Support.webhook("a")])
        #expect(revert.changes.first?.drift.map(\.path) == ["active"])
        _ = try await applier.apply(revert, planDigest: "d", actor: "a")
        #expect(try await store.snapshot().webhooks["a"]?.state.webhook.active == true)
        #expect(!(try await plan(store, [Support.webhook("a")])).hasChanges)
    }

    @Test func stalePlanBySerialIsRefusedAndListsWhatMoved() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let store = try Support.sqlite(in: workspace)
        let applier = Applier(store: store, owner: "o")
        _ = try await applier.apply(try await plan(store, [Support.webhook("a")]), planDigest: "d", actor: "a")
        let stalePlan = try await plan(store, [Support.webhook("a", url: "https://example.com/v2")])
        try await store.setActive("a", false)
        let error = await #expect(throws: StoreError.self) {
            _ = try await applier.apply(stalePlan, planDigest: "d", actor: "a")
        }
        #expect(error?.staleChanges == [.serial(planned: 1, current: 2), .object(name: "a", planned: 1, current: 2)])
        #expect(try await store.snapshot().webhooks["a"]?.state.webhook.url == "https://example.com/hook")
        #expect(try await store.currentLock() == nil, "the lock is released after a refused apply")
    }

    @Test func stalePlanByLineageIsRefused() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let planned = try await plan(try Support.sqlite(in: workspace), [Support.webhook("a")])
        let otherStore = try Support.sqlite(in: workspace)
        let error = await #expect(throws: StoreError.self) {
            _ = try await Applier(store: otherStore, owner: "o").apply(planned, planDigest: "d", actor: "a")
        }
        #expect(error?.description.contains("lineage") == true)
        #expect(try await otherStore.snapshot().webhooks.isEmpty)
    }

    @Test func aHeldLockBlocksAndALapsedOneDoesNot() async throws {
        let clock = ManualClock()
        let workspace = try Workspace(webhooksDirectory: false)
        let store = try Support.sqlite(in: workspace, clock: clock)
        let held = try await store.acquireLock(owner: "ci@runner pid 9", ttl: .seconds(60))
        let planned = try await plan(store, [Support.webhook("a")])
        let applier = Applier(store: store, owner: "me", leaseTTL: .seconds(60))
        let error = await #expect(throws: StoreError.self) {
            _ = try await applier.apply(planned, planDigest: "d", actor: "a")
        }
        #expect(error?.heldLock == held)
        #expect(try await store.currentLock() == held, "a refused apply leaves the other lock alone")

        clock.advance(by: .seconds(61))
        _ = try await applier.apply(planned, planDigest: "d", actor: "a")
        #expect(try await store.snapshot().webhooks["a"] != nil)
    }
}
