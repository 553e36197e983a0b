import Foundation
import HookctlCore
import SQLiteStore
import Store
import StoreSelection

/// `hookctl apply --auto-approve --set SET` whose SQLite transaction pauses just before it commits, so a test can
/// SIGKILL a real apply there. Usage: `ApplyPausedBeforeCommit MARKER SET`; it creates MARKER when it reaches the
/// pause, then sleeps for a minute. The hook reaches the store through the `StoreOpener` seam, not through any
/// production option.
@main
struct ApplyPausedBeforeCommit {
    static func main() async {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else {
            FileHandle.standardError.write(Data("usage: ApplyPausedBeforeCommit MARKER SET\n".utf8))
            exit(2)
        }
        let marker = arguments[1]
        let pause: @Sendable () -> Void = {
            _ = FileManager.default.createFile(atPath: marker, contents: Data("paused\n".utf8))
            Thread.sleep(forTimeInterval: 60)
        }
        let stores = StoreOpener { url, environment throws(StoreSelectionError) in
            guard case .sqlite(let path) = url else { throw .notYetSupported(scheme: url.description) }
            let key = try StoreKeys.key(for: url, environment: environment)
            do throws(StoreError) {
                let store = try SQLiteStore(path: path, keyCheck: key.check, beforeCommit: pause)
                return OpenedStore(url: url, store: store, key: key)
            } catch {
                throw .store(error)
            }
        }
        let options = ApplyOptions(setName: arguments[2], autoApprove: true)
        exit(await apply(options, terminal: .standard(), stores: stores))
    }
}
