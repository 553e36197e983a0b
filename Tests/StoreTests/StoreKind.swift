import Foundation
import SQLiteStore
import Store

/// Every store implementation the contract suite runs against; PostgreSQL joins as another case.
enum StoreKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case memory
    case sqlite

    var description: String { rawValue }

    /// A fresh, empty store of this kind using `clock`.
    func make(clock: ManualClock) throws -> any ReconcilerStore {
        switch self {
        case .memory: InMemoryStore(clock: clock)
        case .sqlite: try SQLiteStore(path: TemporaryDirectory().path + "/state.db", clock: clock)
        }
    }
}

/// A fresh directory under the system's temporary directory, for real database files.
struct TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "hookctl-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
