import Foundation
import HookctlCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A real `hookctl apply` process killed with SIGKILL inside its transaction leaves the store exactly as before.
@Suite("hookctl apply, killed")
struct ApplyKilledProcessTests {
    /// The `ApplyPausedBeforeCommit` test tool built beside the test bundle: a real apply that pauses inside its
    /// transaction.
    static var binary: String? { builtExecutable("ApplyPausedBeforeCommit") }

    /// An executable of this package built beside the test bundle.
    static func builtExecutable(_ name: String) -> String? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    @Test func killedMidTransactionLeavesTheStoreUnchangedAndTheLockExpiresOrIsForceUnlocked() async throws {
        let binary = try #require(Self.binary, "build the test tools first (swift build --build-tests)")
        let ws = PlanWorkspace()
        ws.declare("a")
        #expect(await ws.apply().code == ApplyExit.applied)
        ws.declare("a", url: "https://hooks.example.com/v2")
        ws.declare("b")
        let before = await ws.plan()
        #expect(before.out.contains("Plan: 1 to add, 1 to change, 0 to delete."))

        let marker = ws.root + "/paused"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [marker, "repo"]
        process.currentDirectoryURL = URL(fileURLWithPath: ws.root)
        process.environment = ws.environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var waited = 0
        while !FileManager.default.fileExists(atPath: marker), waited < 600, process.isRunning {
            try await Task.sleep(for: .milliseconds(100))
            waited += 1
        }
        try #require(FileManager.default.fileExists(atPath: marker), "the apply never reached its transaction")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        #expect(await ws.serial() == 1, "nothing of the killed transaction was committed")
        #expect(await ws.plan().out == before.out)

        let blocked = await ws.apply()
        #expect(blocked.code == ApplyExit.lockHeld)
        let id = try #require(blocked.err.firstMatch(of: /force-unlock ([0-9a-f-]{36})/)?.1)
        let (terminal, out, _) = Terminal.capturing(environment: ws.environment)
        #expect(
            await forceUnlock(ForceUnlockOptions(lockID: String(id), currentDirectory: ws.root), terminal: terminal)
                == 0)
        #expect(out.text.contains("Released lock \(id)"))
        #expect(await ws.apply().code == ApplyExit.applied)
        #expect(await ws.apply().code == ApplyExit.nothingToDo)
    }
}
