import Foundation
import Store

/// Opens the store for the invocation history: `--store`, `HOOKCTL_STORE` or `.hookctl/state.db`.
enum HistoryStoreAccess {
    /// The history store, or `nil` after printing why not. With `onlyIfExists`, a missing SQLite file is `nil`
    /// silently (so `hookctl test` works before the first apply and creates no store).
    static func open(
        flag: String?, terminal: Terminal, currentDirectory: String, onlyIfExists: Bool
    ) -> (any InvocationHistoryStore)? {
        do {
            let location = try StoreLocation.resolve(
                flag: flag, environment: terminal.environment, currentDirectory: currentDirectory)
            if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
                if !onlyIfExists { terminal.err.write("error: no store at \(path); run hookctl apply first\n") }
                return nil
            }
            guard let store = try location.open(environment: terminal.environment).store as? any InvocationHistoryStore
            else {
                terminal.err.write("error: the store at \(location) keeps no invocation history\n")
                return nil
            }
            return store
        } catch {
            terminal.err.write("error: \(error)\n")
            return nil
        }
    }
}
