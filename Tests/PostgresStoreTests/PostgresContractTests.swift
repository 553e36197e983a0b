import PostgresStore
import Store
import StoreContracts
import TestSupport
import Testing

/// Fresh stores for the contracts: each in its own database.
func postgresStores<Seam>(_ cast: @escaping @Sendable (PostgresStore) -> Seam) -> StoreFactory<Seam> {
    { clock in cast(try PostgresStore(location: try await PostgresServer.freshDatabase(), clock: clock)) }
}

/// Every store contract over PostgreSQL, unchanged from the in-memory and SQLite runs.
@Suite("PostgreSQL store contracts", .enabled(if: PostgresServer.enabled, PostgresServer.skipped))
struct PostgresContractTests {
    @Test("Live state contract", arguments: LiveStateContract.checks)
    func liveState(check: ContractCheck<any ReconcilerStore>) async throws {
        try await check.run(postgresStores { $0 })
    }

    @Test("Lease lock contract", arguments: LeaseLockContract.checks)
    func leaseLock(check: ContractCheck<any ReconcilerStore>) async throws {
        try await check.run(postgresStores { $0 })
    }

    @Test("Invocation history contract", arguments: InvocationHistoryContract.checks)
    func invocationHistory(check: ContractCheck<any InvocationHistoryStore>) async throws {
        try await check.run(postgresStores { $0 })
    }

    @Test("Delivery queue contract", arguments: DeliveryQueueContract.checks)
    func deliveryQueue(check: ContractCheck<any DeliveryQueueContract.Store>) async throws {
        try await check.run(postgresStores { $0 })
    }
}
