import Foundation
import WebhookModel

/// Reads webhook declarations: finds `*.yaml`/`*.yml` files, parses every document, and checks the whole set.
public enum DeclarationLoader {
    /// The folder read when no path is given.
    public static let defaultPath = "webhooks.d"
    static let extensions: Set<String> = ["yaml", "yml"]

    /// Loads every declaration below `paths` (files or folders), collecting every finding in every file.
    /// `currentDirectory` defaults to the process's; relative paths and shown paths are relative to it.
    /// `allowTargets` holds `--allow-target` `host:port` entries exempt from the URL rules (local testing only).
    public static func load(
        paths: [String], currentDirectory: String? = nil, allowTargets: Set<String> = []
    ) -> DeclarationSet {
        let currentDirectory = currentDirectory ?? FileManager.default.currentDirectoryPath
        var set = DeclarationSet()
        var names: [(name: String, location: SourceLocation)] = []
        let base = URL(fileURLWithPath: currentDirectory, isDirectory: true)
        for path in paths.isEmpty ? [defaultPath] : paths {
            let absolute = URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL.path
            let shown = DisplayPath.relative(absolute, to: currentDirectory)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                set.diagnostics.append(
                    .error(
                        "input.missing", "\(shown): no such file or directory",
                        notes: ["pass a webhooks.d folder or declaration files"]))
                set.isFatal = true
                continue
            }
            if isDirectory.boolValue {
                guard let files = declarationFiles(in: absolute) else {
                    set.diagnostics.append(.error("input.unreadable", "\(shown): cannot read this directory"))
                    set.isFatal = true
                    continue
                }
                if files.isEmpty {
                    set.diagnostics.append(
                        .warning("set.empty", "\(shown) holds no declarations (*.yaml or *.yml files)"))
                }
                for file in files {
                    load(
                        file: file, root: absolute, currentDirectory: currentDirectory, into: &set, names: &names,
                        allowTargets: allowTargets)
                }
            } else {
                load(
                    file: absolute, root: root(for: absolute), currentDirectory: currentDirectory, into: &set,
                    names: &names, allowTargets: allowTargets)
            }
        }
        checkUniqueNames(names, in: &set)
        set.diagnostics.sort()
        return set
    }

    /// The sorted declaration files below `directory`, or `nil` if it cannot be listed.
    static func declarationFiles(in directory: String) -> [String]? {
        guard FileManager.default.isReadableFile(atPath: directory),
            let enumerator = FileManager.default.enumerator(atPath: directory)
        else { return nil }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            guard extensions.contains((relative as NSString).pathExtension.lowercased()) else { continue }
            let full = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(full)
            }
        }
        return files.sorted()
    }

    /// The folder a lone file's `body_file` must stay in: its nearest `webhooks.d` ancestor, else its own folder.
    static func root(for file: String) -> String {
        var url = URL(fileURLWithPath: file).deletingLastPathComponent()
        let own = url.path
        while url.path != "/" {
            if url.lastPathComponent == defaultPath { return url.path }
            url.deleteLastPathComponent()
        }
        return own
    }

    static func load(
        file absolute: String, root: String, currentDirectory: String, into set: inout DeclarationSet,
        names: inout [(name: String, location: SourceLocation)], allowTargets: Set<String> = []
    ) {
        let shown = DisplayPath.relative(absolute, to: currentDirectory)
        set.files.append(shown)
        guard let data = FileManager.default.contents(atPath: absolute) else {
            set.diagnostics.append(
                .error(
                    "file.unreadable", "cannot read \(shown)",
                    at: SourceLocation(file: shown, line: 1, column: 1)))
            return
        }
        let source: SourceText
        do {
            source = try SourceText.decode([UInt8](data), file: shown)
        } catch {
            set.diagnostics.append(error.diagnostic)
            return
        }
        let parsed = YAMLDocuments(source)
        set.diagnostics += parsed.diagnostics
        if parsed.documents.isEmpty && parsed.diagnostics.isEmpty {
            set.diagnostics.append(
                .warning(
                    "file.empty", "\(shown) declares no webhook",
                    at: SourceLocation(file: shown, line: 1, column: 1)))
        }
        let directory = URL(fileURLWithPath: absolute).deletingLastPathComponent().path
        for document in parsed.documents {
            var decoder = WebhookDecoder(
                file: shown, directory: directory, root: root, currentDirectory: currentDirectory)
            decoder.allowTargets = allowTargets
            let declaration = decoder.decode(document)
            set.diagnostics += decoder.diagnostics
            if let declaration { set.declarations.append(declaration) }
            if let declared = decoder.declaredName { names.append(declared) }
        }
    }

    /// A webhook name must be unique across the whole set; a repeat names both places and loads neither copy.
    static func checkUniqueNames(_ names: [(name: String, location: SourceLocation)], in set: inout DeclarationSet) {
        var first: [String: SourceLocation] = [:]
        var repeated: Set<String> = []
        for (name, location) in names {
            if let original = first[name] {
                repeated.insert(name)
                set.diagnostics.append(
                    .error(
                        "name.duplicate", "webhook name \"\(name)\" is already declared at \(original)", at: location,
                        notes: ["names must be unique across all files"]))
            } else {
                first[name] = location
            }
        }
        set.declarations.removeAll { repeated.contains($0.webhook.name) }
    }
}
