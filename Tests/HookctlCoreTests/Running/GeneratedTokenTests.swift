import Foundation
import TestSupport
import Testing

@testable import HookctlCore

/// The ingest and console tokens made when no environment variable names one: a file of mode 0600, read again by
/// the next start, and shared by processes that start at the same moment.
@Suite struct GeneratedTokenTests {
    let token = GeneratedToken(
        environmentVariable: "HOOKCTL_TEST_UNSET_TOKEN", defaultPath: ".hookctl/test-token", what: "a test token",
        usage: "use it")

    @Test func aMissingTokenIsCreatedPrivateAndReadBackNextTime() throws {
        let workspace = try Workspace()
        let (terminal, _, errors) = Terminal.capturing(environment: [:])
        let first = try #require(token.resolve(terminal: terminal, directory: workspace.path), "\(errors.text)")
        #expect(first.token.count == 64 && errors.text.contains("Created a test token"))
        let mode = try FileManager.default.attributesOfItem(atPath: first.source)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try #require(token.resolve(terminal: terminal, directory: workspace.path))
        #expect(again.token == first.token)
    }

    @Test func aTokenAnotherStartIsStillWritingIsWaitedFor() throws {
        let workspace = try Workspace()
        try workspace.write(".hookctl/test-token", "")  // created by another start, not written yet
        let path = workspace.root.appendingPathComponent(".hookctl/test-token").path
        // The other start writes from a thread of its own (resolve blocks the caller's thread while it waits).
        let written = DispatchSemaphore(value: 0)
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(100)) {
            try? "0123456789abcdef0123456789abcdef\n".write(toFile: path, atomically: false, encoding: .utf8)
            written.signal()
        }
        let (terminal, _, errors) = Terminal.capturing(environment: [:])
        let resolved = token.resolve(terminal: terminal, directory: workspace.path)
        written.wait()
        #expect(resolved?.token == "0123456789abcdef0123456789abcdef", "\(errors.text)")
    }

    @Test func startsAtTheSameMomentShareOneToken() async throws {
        let workspace = try Workspace()
        let token = token
        let path = workspace.path
        let tokens = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    let (terminal, _, _) = Terminal.capturing(environment: [:])
                    return token.resolve(terminal: terminal, directory: path)?.token
                }
            }
            var all: [String?] = []
            for await token in group { all.append(token) }
            return all
        }
        #expect(!tokens.contains(nil), "no start failed on the file another one was creating")
        #expect(Set(tokens.compactMap { $0 }).count == 1, "all used the same token")
    }
}
