import Foundation
import Store
public import StoreSelection

/// What `hookctl force-unlock` releases.
public struct ForceUnlockOptions: Sendable {
    public var lockID: String
    public var store: String?
    public var currentDirectory: String?

    public init(lockID: String, store: String? = nil, currentDirectory: String? = nil) {
        self.lockID = lockID
        self.store = store
        self.currentDirectory = currentDirectory
    }
}

/// `hookctl force-unlock LOCK_ID`: releases the apply lock only if it has that id. 0 released, 1 otherwise.
public func forceUnlock(
    _ options: ForceUnlockOptions, terminal: Terminal, stores: StoreOpener = .standard
) async -> Int32 {
    guard let store = options.openStore(terminal, stores, mustExist: true)?.store else {
        return StoreCommandExit.error
    }
    do {
        let current = try await store.currentLock()
        guard try await store.releaseLock(options.lockID) else {
            terminal.err.write(
                "error: "
                    + (current.map { "the lock held is \($0.id), by \($0.owner), not \(options.lockID)" }
                        ?? "no lock is held") + "; nothing was released\n")
            return StoreCommandExit.error
        }
        terminal.out.write("Released lock \(options.lockID)\(current.map { " held by \($0.owner)" } ?? "").\n")
        return StoreCommandExit.done
    } catch {
        terminal.err.write("error: \(error)\n")
        return StoreCommandExit.error
    }
}
