public import Foundation

/// Text with position markers `1️⃣`…`9️⃣` (as swift-format's tests use), stripped out and remembered.
public struct MarkedText {
    public let text: String
    /// Marker digit → 1-based line and column (in Unicode scalars, as libyaml counts).
    public let positions: [Int: (line: Int, column: Int)]

    public init(_ marked: String) {
        var out = String.UnicodeScalarView()
        var positions: [Int: (line: Int, column: Int)] = [:]
        let scalars = Array(marked.unicodeScalars)
        var line = 1
        var column = 1
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if ("1"..."9").contains(s), i + 2 < scalars.count, scalars[i + 1] == "\u{FE0F}",
                scalars[i + 2] == "\u{20E3}"
            {
                positions[Int(String(s))!] = (line, column)
                i += 3
                continue
            }
            out.append(s)
            if s == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i += 1
        }
        text = String(out)
        self.positions = positions
    }
}

/// A throwaway folder holding a `webhooks.d` tree, removed when the test ends.
public final class Workspace {
    public let root: URL

    public init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hookctl-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("webhooks.d"), withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    public var path: String { root.path }

    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, Data(text.utf8))
    }

    @discardableResult
    public func write(_ relative: String, _ data: Data) throws -> String {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url.path
    }
}
