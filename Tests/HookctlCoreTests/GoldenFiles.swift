import Foundation
import TestSupport
import Testing

/// `Tests/HookctlCoreTests/Fixtures`, found from this source file so tests need no bundle resources.
let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// Compares `actual` with the golden file `Fixtures/<relativePath>` (recorded, and failing, when missing).
func expectGolden(_ actual: String, _ relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) {
    TestSupport.expectGolden(actual, relativePath, in: fixturesDirectory, sourceLocation: sourceLocation)
}
