import Foundation
import Store
public import StoreSelection

/// `hookctl list`: the live webhooks as a table. 0 on success, 1 on error.
public func list(
    _ options: StoreCommandOptions, terminal: Terminal, stores: StoreOpener = .standard
) async -> Int32 {
    guard let opened = options.openStore(terminal, stores) else { return StoreCommandExit.error }
    let setID = SetIdentity.resolve(flag: options.setName, currentDirectory: options.directory)
    guard let snapshot = await StoreAccess.attempt(terminal, { try await opened.store.snapshot() }) else {
        return StoreCommandExit.error
    }
    let rows = snapshot.webhooks.values.sorted { $0.name < $1.name }.map { live -> [String] in
        let w = live.state.webhook
        let managed = live.managedBy == setID ? "managed" : live.managedBy.map { "by \($0)" } ?? "unmanaged"
        return [
            w.name, w.active ? "● active" : "○ inactive", w.method.rawValue, host(of: w.url),
            w.triggers.map(\.rawValue).joined(separator: ",") + (w.filter == nil ? "" : " (filtered)"), managed,
        ]
    }
    guard !rows.isEmpty else {
        terminal.out.write("No live webhooks in \(snapshot.lineage.prefix(8))….\n")
        return StoreCommandExit.done
    }
    terminal.out.write(
        TextTable.render(header: ["NAME", "STATE", "METHOD", "HOST", "TRIGGERS", "MANAGED"], rows: rows))
    return StoreCommandExit.done
}

private func host(of url: String) -> String {
    URLComponents(string: url)?.host ?? url
}
