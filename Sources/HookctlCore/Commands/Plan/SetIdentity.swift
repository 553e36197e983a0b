import Foundation

/// The managed-by marker of a `webhooks.d`: derived from the repository, or named with `--set NAME`.
public enum SetIdentity {
    /// `--set`, else the `origin` remote of the enclosing git repository (`github.com/acme/hooks`), else the
    /// repository's (or current) directory name.
    public static func resolve(flag: String?, currentDirectory: String) -> String {
        if let flag, !flag.isEmpty { return flag }
        var directory = URL(fileURLWithPath: currentDirectory).standardizedFileURL
        while true {
            let git = directory.appendingPathComponent(".git")
            if FileManager.default.fileExists(atPath: git.path) {
                let config = FileManager.default.contents(atPath: git.appendingPathComponent("config").path)
                    .map { String(decoding: $0, as: UTF8.self) }
                return config.flatMap(originURL).map(normalize) ?? directory.lastPathComponent
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        return URL(fileURLWithPath: currentDirectory).lastPathComponent
    }

    /// The `url` of `[remote "origin"]` in a git config file.
    static func originURL(_ config: String) -> String? {
        var inOrigin = false
        for raw in config.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                inOrigin = line == "[remote \"origin\"]"
            } else if inOrigin, line.hasPrefix("url") {
                let parts = line.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { return parts[1].trimmingCharacters(in: .whitespaces) }
            }
        }
        return nil
    }

    /// `git@github.com:acme/hooks.git` and `https://user@github.com/acme/hooks` → `github.com/acme/hooks`.
    static func normalize(_ url: String) -> String {
        var text = url
        if let scheme = text.range(of: "://") { text = String(text[scheme.upperBound...]) }
        if let at = text.firstIndex(of: "@") { text = String(text[text.index(after: at)...]) }
        if !url.contains("://"), let colon = text.firstIndex(of: ":") { text.replaceSubrange(colon...colon, with: "/") }
        if text.hasSuffix(".git") { text.removeLast(4) }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
