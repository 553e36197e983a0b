import Foundation
import PostgresStore
import SQLiteStore
public import Store

/// Opens the store a `StoreURL` names, with the backend for its scheme. Commands take one, `.standard` by default;
/// tests pass their own (an SQLite store with a hook inside its transactions, say) without touching the commands.
public struct StoreOpener: Sendable {
    /// Opens `url`, reading `HOOKCTL_STORE_KEY` and the like from `environment`.
    public typealias Open =
        @Sendable (_ url: StoreURL, _ environment: [String: String]) throws(StoreSelectionError) ->
        OpenedStore

    private let body: Open

    public init(_ body: @escaping Open) { self.body = body }

    public func open(_ url: StoreURL, environment: [String: String]) throws(StoreSelectionError) -> OpenedStore {
        try body(url, environment)
    }

    /// Every backend this hookctl has, on the system clock.
    public static let standard = StoreOpener.standard(clock: SystemClock())

    /// Every backend this hookctl has, reading the time from `clock`.
    public static func standard(clock: any WallClock) -> StoreOpener {
        StoreOpener { url, environment throws(StoreSelectionError) in
            switch url {
            case .sqlite(let path):
                let key = try StoreKeys.key(for: url, environment: environment)
                do throws(StoreError) {
                    let store = try SQLiteStore(path: path, keyCheck: key.check, clock: clock)
                    return OpenedStore(url: url, store: store, key: key)
                } catch {
                    throw .store(error)
                }
            case .postgres(let location):
                let key = try StoreKeys.key(for: url, environment: environment)
                let resolved = try location.resolvingPassword(
                    environment: environment,
                    currentDirectory: FileManager.default.currentDirectoryPath)
                do throws(StoreError) {
                    let store = try PostgresStore(location: resolved, keyCheck: key.check, clock: clock)
                    return OpenedStore(url: url, store: store, key: key, service: store)
                } catch {
                    throw .store(error)
                }
            }
        }
    }

    /// Whether the store exists already, for commands that read it and must not create one.
    public static func exists(_ url: StoreURL) -> Bool {
        switch url {
        case .sqlite(let path): StoreKeys.fileExists(path)
        // A database server is always there to ask; an empty database is an empty store.
        case .postgres: true
        }
    }
}
