public import Foundation

/// A throwaway folder for one test (with an empty `webhooks.d` unless asked not to), removed when the last reference
/// to it goes away. Keep the workspace alive as long as anything (a store, a process) uses its files.
public final class Workspace: Sendable {
    public let root: URL

    public init(webhooksDirectory: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hookctl-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: webhooksDirectory ? root.appendingPathComponent("webhooks.d") : root,
            withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    public var path: String { root.path }

    /// The absolute path of `relative` inside the workspace.
    public func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Writes `text` to `relative` (creating folders) and returns its absolute path.
    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, Data(text.utf8))
    }

    /// Writes `data` to `relative` (creating folders) and returns its absolute path.
    @discardableResult
    public func write(_ relative: String, _ data: Data) throws -> String {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url.path
    }
}
