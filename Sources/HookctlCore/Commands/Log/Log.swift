import Foundation
import Store
public import StoreSelection

/// `hookctl log`: past applies, newest first. 0 on success, 1 on error.
public func showLog(
    _ options: StoreCommandOptions, limit: Int = 20, terminal: Terminal, stores: StoreOpener = .standard
) async -> Int32 {
    let directory = options.currentDirectory ?? FileManager.default.currentDirectoryPath
    guard
        let opened = StoreAccess.open(
            flag: options.store, terminal: terminal, currentDirectory: directory, stores: stores)
    else { return StoreCommandExit.error }
    let entries: [ApplyLogEntry]
    do { entries = try await opened.store.applyLog(limit: limit) } catch {
        terminal.err.write("error: \(error)\n")
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
