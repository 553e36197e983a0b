public import Store
public import Testing

/// Makes a fresh, empty store on `clock` for one contract check; each call returns a new store.
public typealias StoreFactory<Seam> = @Sendable (ManualClock) async throws -> Seam

/// One check of a store contract: a test body that runs against any backend through a ``StoreFactory``.
///
/// A backend's test target runs every check of a contract (`@Test(arguments: LiveStateContract.checks)`) with its
/// own factory, so it links only its own driver.
public struct ContractCheck<Seam>: Sendable, CustomTestStringConvertible {
    /// The check's name, as the contract's function is called.
    public let name: String
    private let body: @Sendable (StoreFactory<Seam>) async throws -> Void

    init(_ name: String, _ body: @escaping @Sendable (StoreFactory<Seam>) async throws -> Void) {
        self.name = name
        self.body = body
    }

    /// Runs the check on stores made by `make`.
    public func run(_ make: @escaping StoreFactory<Seam>) async throws { try await body(make) }

    public var testDescription: String { name }
}
