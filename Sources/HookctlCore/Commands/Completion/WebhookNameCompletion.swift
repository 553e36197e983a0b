import Declarations
import Foundation
import StoreSelection

/// Webhook names for shell completion (`hookctl --generate-completion-script`): the live webhooks of the store when
/// it exists, else the names declared in `webhooks.d/` (or the `--path` folders on the command line). Reads only:
/// completing never creates a store.
public enum WebhookNameCompletion {
    public enum Source: Sendable {
        /// Commands that work on live webhooks (`enable`, `disable`, `import`, `history`, `redeliver --webhook`).
        case live
        /// Commands that read the declarations (`test`, `render`).
        case declarations
    }

    /// The names that start with `prefix`, sorted; `words` is the command line being completed (its `--store` and
    /// `--path` options are honoured).
    public static func names(
        _ source: Source, words: [String], prefix: String,
        environment: [String: String]? = nil, currentDirectory: String? = nil
    ) async -> [String] {
        let environment = environment ?? ProcessInfo.processInfo.environment
        let directory = currentDirectory ?? FileManager.default.currentDirectoryPath
        var names: [String] = []
        if source == .live { names = await liveNames(words: words, environment: environment, directory: directory) }
        if names.isEmpty {
            let paths = values(of: "--path", in: words)
            names = DeclarationLoader.load(paths: paths, currentDirectory: directory).declarations.map(\.webhook.name)
        }
        return Array(Set(names)).filter { $0.hasPrefix(prefix) }.sorted()
    }

    private static func liveNames(
        words: [String], environment: [String: String], directory: String
    ) async
        -> [String]
    {
        guard
            let url = try? StoreURL.resolve(
                flag: values(of: "--store", in: words).last, environment: environment, currentDirectory: directory),
            StoreOpener.exists(url), let opened = try? StoreOpener.standard.open(url, environment: environment),
            let snapshot = try? await opened.store.snapshot()
        else { return [] }
        return Array(snapshot.webhooks.keys)
    }

    /// The values given to `option` in `words` (`--path a --path=b` → `[a, b]`).
    static func values(of option: String, in words: [String]) -> [String] {
        var result: [String] = []
        for (index, word) in words.enumerated() {
            if word == option, index + 1 < words.count {
                result.append(words[index + 1])
            } else if word.hasPrefix(option + "=") {
                result.append(String(word.dropFirst(option.count + 1)))
            }
        }
        return result
    }
}
