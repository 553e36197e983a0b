public import Foundation
public import Testing

/// Compares text with a committed golden file.
///
/// A missing golden file is written and the test fails, so a recording never passes silently (as
/// argument-parser's `assertSnapshot` does). `HOOKCTL_RECORD=1` rewrites golden files on purpose.
public func expectGolden(
    _ actual: String, _ relativePath: String, in directory: URL, sourceLocation: SourceLocation = #_sourceLocation
) {
    let url = directory.appendingPathComponent(relativePath)
    let record = ProcessInfo.processInfo.environment["HOOKCTL_RECORD"] == "1"
    guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record(
                "recorded golden file \(relativePath); review it and run the test again", sourceLocation: sourceLocation
            )
        } catch {
            Issue.record("cannot record golden file \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard actual != expected else { return }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
    let got = line < a.count ? String(a[line]) : "<end>"
    let want = line < e.count ? String(e[line]) : "<end>"
    Issue.record(
        """
        output differs from \(relativePath) at line \(line + 1):
          expected: \(want)
          actual:   \(got)
        (HOOKCTL_RECORD=1 rewrites golden files)
        """, sourceLocation: sourceLocation)
}

/// The repository's root directory, found from this source file so tests need no bundle resources.
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
