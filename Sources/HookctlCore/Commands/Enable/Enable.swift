import Foundation
import Store
public import StoreSelection

/// `hookctl enable NAME` / `hookctl disable NAME`: turns a live webhook on or off for incident response.
/// The next plan shows the change as drift. 0 on success, 1 on error (e.g. no such webhook).
public func setEnabled(
    _ name: String, _ enabled: Bool, _ options: StoreCommandOptions, terminal: Terminal,
    stores: StoreOpener = .standard
) async -> Int32 {
    guard let opened = options.openStore(terminal, stores, mustExist: true) else { return StoreCommandExit.error }
    do {
        try await opened.store.setActive(name, enabled)
    } catch  where error == .notFound(name) {
        let live = (try? await opened.store.snapshot())?.webhooks.keys.map { $0 } ?? []
        terminal.err.write("error: \(error) " + LiveWebhookName.hint(for: name, among: live) + "\n")
        return StoreCommandExit.error
    } catch {
        terminal.err.write("error: \(error)\n")
        return StoreCommandExit.error
    }
    terminal.out.write(
        "\(enabled ? "Enabled" : "Disabled") \(name). The next plan shows this as drift, and apply reverts it "
            + "unless webhooks.d is changed to match.\n")
    return StoreCommandExit.done
}
