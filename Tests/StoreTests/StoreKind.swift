import Foundation
import SQLiteStore
import Store
import StoreContracts
import TestSupport
import Testing

/// The store implementations StoreTests runs the contracts against (PostgreSQL runs them in its own target).
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory
    case sqlite

    var testDescription: String { rawValue }

    /// Fresh, empty stores of this kind; SQLite files go into `workspace`, which must outlive them.
    func stores(in workspace: Workspace) -> StoreFactory<any ReconcilerStore> {
        switch self {
        case .memory: { clock in InMemoryStore(clock: clock) }
        case .sqlite: { clock in try SQLiteStore(path: workspace.path("\(UUID().uuidString).db"), clock: clock) }
        }
    }

    /// The same stores, seen through their invocation-history seam.
    func histories(in workspace: Workspace) -> StoreFactory<any InvocationHistoryStore> {
        switch self {
        case .memory: { clock in InMemoryStore(clock: clock) }
        case .sqlite: { clock in try SQLiteStore(path: workspace.path("\(UUID().uuidString).db"), clock: clock) }
        }
    }

    /// The same stores, seen through the seams the delivery-queue contract uses.
    func queues(in workspace: Workspace) -> StoreFactory<any DeliveryQueueContract.Store> {
        switch self {
        case .memory: { clock in InMemoryStore(clock: clock) }
        case .sqlite: { clock in try SQLiteStore(path: workspace.path("\(UUID().uuidString).db"), clock: clock) }
        }
    }
}
