import Foundation
import Store
public import StoreSelection

/// `hookctl import NAME…`: writes YAML for live webhooks no set manages yet into `--out DIR` (default
/// `webhooks.d`); the next apply adopts them (marks them managed by this set). 0 on success, 1 on error.
public func importWebhooks(
    _ names: [String], _ options: ExportOptions, terminal: Terminal, stores: StoreOpener = .standard
) async -> Int32 {
    guard let opened = options.openStore(terminal, stores, mustExist: true) else { return StoreCommandExit.error }
    guard let snapshot = await StoreAccess.attempt(terminal, { try await opened.store.snapshot() }) else {
        return StoreCommandExit.error
    }
    var states: [StoredWebhook] = []
    var ok = true
    for name in names {
        guard let live = snapshot.webhooks[name] else {
            terminal.err.write("error: \(StoreError.notFound(name))\n")
            ok = false
            continue
        }
        if let owner = live.managedBy {
            terminal.err.write(
                "error: webhook \"\(name)\" is already managed by \"\(owner)\"; only unmanaged webhooks are imported\n")
            ok = false
            continue
        }
        states.append(live.state)
    }
    guard ok else { return StoreCommandExit.error }
    guard ExportWriter.write(states, into: options.out ?? "webhooks.d", base: options.directory, terminal: terminal)
    else {
        return StoreCommandExit.error
    }
    terminal.out.write("Run `hookctl plan`: the next apply marks the imported webhooks as managed by this set.\n")
    return StoreCommandExit.done
}
