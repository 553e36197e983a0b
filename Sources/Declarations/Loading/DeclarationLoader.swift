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
        for path in paths.isEmpty ? [defaultPath] : paths {
            let absolute = AbsolutePath.resolve(path, against: currentDirectory)
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
                guard let (files, dangling) = declarationFiles(in: absolute) else {
                    set.diagnostics.append(.error("input.unreadable", "\(shown): cannot read this directory"))
                    set.isFatal = true
                    continue
                }
                for (relative, target) in dangling {
                    // Skipped, its webhook would be missing from the set, and a plan would delete it.
                    set.diagnostics.append(
                        .error(
                            "input.dangling-link",
                            "\(shown == "." ? relative : shown + "/" + relative) is a symbolic link to \(target), "
                                + "which does not exist",
                            notes: ["restore the file it points to, or remove the link"]))
                }
                if files.isEmpty && dangling.isEmpty {
                    set.diagnostics.append(
                        .warning("set.empty", "\(shown) holds no declarations (*.yaml or *.yml files)"))
                }
                let shownDirectory = shown
                let results = files.concurrentMap { relative in
                    DeclarationFile.load(
                        absolute: absolute + "/" + relative,
                        shown: shownDirectory == "." ? relative : shownDirectory + "/" + relative,
                        root: absolute, currentDirectory: currentDirectory, allowTargets: allowTargets)
                }
                for result in results { result.merge(into: &set, names: &names) }
            } else {
                DeclarationFile.load(
                    absolute: absolute, shown: shown, root: root(for: absolute), currentDirectory: currentDirectory,
                    allowTargets: allowTargets
                ).merge(into: &set, names: &names)
            }
        }
        checkUniqueNames(names, in: &set)
        set.diagnostics.sort()
        return set
    }

    /// The sorted declaration files below `directory`, relative to it, and the declaration names that are symbolic
    /// links to nothing, with what they point to; `nil` if `directory` cannot be listed.
    static func declarationFiles(in directory: String) -> (files: [String], dangling: [(String, String)])? {
        guard FileManager.default.isReadableFile(atPath: directory),
            let enumerator = FileManager.default.enumerator(atPath: directory)
        else { return nil }
        var files: [String] = []
        var dangling: [(String, String)] = []
        while let relative = enumerator.nextObject() as? String {
            guard extensions.contains((relative as NSString).pathExtension.lowercased()) else { continue }
            let path = directory + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                if !isDirectory.boolValue { files.append(relative) }
            } else if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                dangling.append((relative, target))
            }
        }
        return (files.sorted(), dangling.sorted { $0.0 < $1.0 })
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
