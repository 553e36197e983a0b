import Store
import StoreContracts
import TestSupport
import Testing

/// Every store contract (in StoreContracts) over the in-memory and SQLite stores.
@Suite("Store contracts")
struct StoreContractTests {
    @Test("Live state contract", arguments: StoreKind.allCases, LiveStateContract.checks)
    func liveState(kind: StoreKind, check: ContractCheck<any ReconcilerStore>) async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        try await check.run(kind.stores(in: workspace))
    }

    @Test("Lease lock contract", arguments: StoreKind.allCases, LeaseLockContract.checks)
    func leaseLock(kind: StoreKind, check: ContractCheck<any ReconcilerStore>) async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        try await check.run(kind.stores(in: workspace))
    }

    @Test("Invocation history contract", arguments: StoreKind.allCases, InvocationHistoryContract.checks)
    func invocationHistory(kind: StoreKind, check: ContractCheck<any InvocationHistoryStore>) async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        try await check.run(kind.histories(in: workspace))
    }

    @Test("Delivery queue contract", arguments: StoreKind.allCases, DeliveryQueueContract.checks)
    func deliveryQueue(kind: StoreKind, check: ContractCheck<any DeliveryQueueContract.Store>) async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        try await check.run(kind.queues(in: workspace))
    }
}
