import Foundation
import Store
public import StoreSelection

/// `hookctl log`: past applies, newest first. 0 on success, 1 on error.
public func showLog(
    _ options: StoreCommandOptions, limit: Int = 20, terminal: Terminal, stores: StoreOpener = .standard
) async -> Int32 {
    guard let opened = options.openStore(terminal, stores, mustExist: true) else { return StoreCommandExit.error }
    guard let entries = await StoreAccess.attempt(terminal, { try await opened.store.applyLog(limit: limit) }) else {
        return StoreCommandExit.error
    }
    guard !entries.isEmpty else {
        terminal.out.write("No applies yet.\n")
        return StoreCommandExit.done
    }
    let formatter = ISO8601DateFormatter()
    let rows = entries.map { entry in
        [
            formatter.string(from: entry.appliedAt), entry.actor, String(entry.planDigest.prefix(12)),
            "+\(entry.added) ~\(entry.changed) -\(entry.deleted)", String(entry.serial),
        ]
    }
    terminal.out.write(TextTable.render(header: ["WHEN", "WHO", "PLAN", "CHANGES", "SERIAL"], rows: rows))
    return StoreCommandExit.done
}
