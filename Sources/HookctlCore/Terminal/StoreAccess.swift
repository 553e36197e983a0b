import Foundation
import StoreSelection

/// Opens the store a command works on (`--store`, `HOOKCTL_STORE` or `.hookctl/state.db`), printing why not.
enum StoreAccess {
    /// The open store, or `nil` after printing the error. With `mustExist`, a store that does not exist yet is an
    /// error for the commands that only read; with `quietWhenMissing` it is `nil` without a word (so `hookctl test`
    /// works before the first apply and creates no store).
    static func open(
        flag: String?, terminal: Terminal, currentDirectory: String, stores: StoreOpener,
        mustExist: Bool = false, quietWhenMissing: Bool = false
    ) -> OpenedStore? {
        do throws(StoreSelectionError) {
            let url = try StoreURL.resolve(
                flag: flag, environment: terminal.environment, currentDirectory: currentDirectory)
            if mustExist || quietWhenMissing, !StoreOpener.exists(url) {
                guard case .sqlite(let path) = url else { throw .noStore(path: url.description) }
                throw .noStore(path: path)
            }
            return try stores.open(url, environment: terminal.environment)
        } catch {
            if !(quietWhenMissing && error.isMissingStore) { terminal.err.write("error: \(error)\n") }
            return nil
        }
    }
}

extension StoreAccess {
    /// Runs one store call, printing its error; `nil` when it failed.
    static func attempt<T, E: Error>(_ terminal: Terminal, _ body: () async throws(E) -> T) async -> T? {
        do { return try await body() } catch {
            terminal.err.write("error: \(error)\n")
            return nil
        }
    }
}

/// Options that name a store (`--store`) and the directory their relative paths are read against.
protocol StoreOptions {
    var store: String? { get }
    var currentDirectory: String? { get }
}

extension StoreOptions {
    /// `currentDirectory`, else the process's.
    var directory: String { currentDirectory ?? FileManager.default.currentDirectoryPath }

    /// The store these options name, or `nil` after printing why not.
    func openStore(_ terminal: Terminal, _ stores: StoreOpener, mustExist: Bool = false) -> OpenedStore? {
        StoreAccess.open(
            flag: store, terminal: terminal, currentDirectory: directory, stores: stores, mustExist: mustExist)
    }
}

extension StoreCommandOptions: StoreOptions {}
extension ExportOptions: StoreOptions {}
extension ForceUnlockOptions: StoreOptions {}
extension HistoryOptions: StoreOptions {}
