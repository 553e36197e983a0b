import Foundation

/// `hookctl init [DIR]`: scaffolds a repository for hookctl — `webhooks.d/` with one commented example, the editor
/// schema it names, the GitHub workflow and a `.gitignore` for `.hookctl/`. Never overwrites: a file that exists is
/// left alone and said so, and so is a `webhooks.d/` that already holds declarations — except that a `.gitignore`
/// without `.hookctl/` gets it added at its end, since the store's key lives there. Says what it wrote.
public func initRepository(_ options: InitOptions, terminal: Terminal) -> Int32 {
    let base = URL(
        fileURLWithPath: options.directory,
        relativeTo: URL(fileURLWithPath: options.currentDirectory ?? FileManager.default.currentDirectoryPath))
    let fileManager = FileManager.default
    let action = options.action ?? InitTemplates.defaultAction
    var code = InitExit.done
    var wrote: [String] = []
    for (path, text) in InitTemplates.files(action: action) {
        let url = base.appendingPathComponent(path)
        let shown = options.directory == "." ? path : (options.directory as NSString).appendingPathComponent(path)
        if fileManager.fileExists(atPath: url.path) {
            if path == InitTemplates.gitignorePath, let existing = try? String(contentsOf: url, encoding: .utf8),
                !ignoresLocalState(existing)
            {
                let addition = (existing.isEmpty || existing.hasSuffix("\n") ? "\n" : "\n\n") + text
                do {
                    let handle = try FileHandle(forWritingTo: url)
                    defer { try? handle.close() }
                    try handle.seekToEnd()
                    try handle.write(contentsOf: Data(addition.utf8))
                    terminal.out.write("added  .hookctl/ to \(shown) (hookctl's local store and its key live there)\n")
                    wrote.append(path)
                } catch {
                    terminal.err.write(
                        "error: cannot add .hookctl/ to \(shown): \(error.localizedDescription); add it by hand\n")
                    code = InitExit.error
                }
                continue
            }
            terminal.out.write("kept   \(shown) (it exists; left as it is)\n")
            continue
        }
        if path == InitTemplates.examplePath, hasDeclarations(base.appendingPathComponent("webhooks.d")) {
            terminal.out.write(
                "kept   \(shown.dropLast("example.yaml".count)) (it holds declarations; no example added)\n")
            continue
        }
        do {
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard fileManager.createFile(atPath: url.path, contents: Data(text.utf8)) else {
                throw CocoaError(.fileWriteUnknown)
            }
            terminal.out.write("wrote  \(shown)\n")
            wrote.append(path)
        } catch {
            terminal.err.write("error: cannot write \(shown): \(error.localizedDescription)\n")
            code = InitExit.error
        }
    }
    if wrote.isEmpty, code == InitExit.done { terminal.out.write("Nothing to write: everything was there.\n") }
    if wrote.contains(InitTemplates.workflowPath), options.action == nil {
        terminal.out.write(
            "\nIn \(InitTemplates.workflowPath), replace \(InitTemplates.defaultAction) with where you use hookctl's "
                + "action from (or run hookctl init --action OWNER/REPO@REF), and add the secrets it lists.\n")
    }
    if !wrote.isEmpty {
        terminal.out.write("Next: hookctl lint, then hookctl plan; the README of hookctl tells the rest.\n")
    }
    return code
}

/// Whether a `.gitignore` already leaves out `.hookctl/` (as `.hookctl`, `/.hookctl/`, `.hookctl/*`, …).
private func ignoresLocalState(_ gitignore: String) -> Bool {
    gitignore.split(whereSeparator: \.isNewline).contains { line in
        var pattern = line.trimmingCharacters(in: .whitespaces)
        if pattern.hasPrefix("/") { pattern.removeFirst() }
        return [".hookctl", ".hookctl/", ".hookctl/*", ".hookctl/**"].contains(pattern)
    }
}

/// Whether `folder` holds any `.yaml` or `.yml` file, at any depth.
private func hasDeclarations(_ folder: URL) -> Bool {
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return false }
    while let url = walker.nextObject() as? URL {
        if ["yaml", "yml"].contains(url.pathExtension) { return true }
    }
    return false
}
