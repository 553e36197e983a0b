import Foundation
import WebhookModel

/// Paths as users should see them: relative to the current directory when below it, absolute otherwise.
package enum DisplayPath {
    package static func relative(_ path: String, to base: String) -> String {
        let absolute = AbsolutePath.resolve(path, against: base)
        let baseDirectory = AbsolutePath.resolve(base, against: "/")
        if absolute == baseDirectory { return "." }
        let prefix = baseDirectory.hasSuffix("/") ? baseDirectory : baseDirectory + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }
}
