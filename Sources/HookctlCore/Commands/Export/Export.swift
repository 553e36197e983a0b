import Foundation
import Store
public import StoreSelection
import WebhookModel

/// `hookctl export`: the whole live state as YAML declarations (secrets as references, never values).
/// Prints one multi-document stream, or writes `NAME.yaml` files into `--out DIR`. 0 on success, 1 on error.
public func export(
    _ options: ExportOptions, terminal: Terminal, stores: StoreOpener = .standard
) async -> Int32 {
    guard let opened = options.openStore(terminal, stores, mustExist: true) else { return StoreCommandExit.error }
    guard let snapshot = await StoreAccess.attempt(terminal, { try await opened.store.snapshot() }) else {
        return StoreCommandExit.error
    }
    let webhooks = snapshot.webhooks.values.sorted { $0.name < $1.name }
    if webhooks.isEmpty { terminal.err.write("note: the store holds no live webhooks; nothing to export\n") }
    guard let out = options.out else {
        terminal.out.write(webhooks.map { ExportYAML.document($0.state) }.joined(separator: "---\n"))
        return StoreCommandExit.done
    }
    return ExportWriter.write(webhooks.map(\.state), into: out, base: options.directory, terminal: terminal) ? 0 : 1
}

/// Writes declarations as `DIR/NAME.yaml`, never overwriting a file.
enum ExportWriter {
    static func write(_ states: [StoredWebhook], into folder: String, base: String, terminal: Terminal) -> Bool {
        let path = AbsolutePath.resolve(folder, against: base)
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            terminal.err.write("error: cannot create \(folder): \(error.localizedDescription)\n")
            return false
        }
        var ok = true
        for state in states {
            let file = path + "/" + state.name + ".yaml"
            let shown = (folder.hasSuffix("/") ? folder : folder + "/") + state.name + ".yaml"
            guard !FileManager.default.fileExists(atPath: file) else {
                terminal.err.write("error: \(shown) exists; not overwritten\n")
                ok = false
                continue
            }
            guard FileManager.default.createFile(atPath: file, contents: Data(ExportYAML.document(state).utf8)) else {
                terminal.err.write("error: cannot write \(shown)\n")
                ok = false
                continue
            }
            terminal.out.write("Wrote \(shown)\n")
        }
        return ok
    }
}
