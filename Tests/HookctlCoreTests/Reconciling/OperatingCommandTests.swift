import Foundation
import HookctlCore
import Testing

@Suite("hookctl list, enable, disable, log, force-unlock")
struct OperatingCommandTests {
    @Test func listShowsStateAndOwnership() async {
        let ws = PlanWorkspace()
        ws.declare("a")
        ws.declare("b", url: "https://other.example.org/x", triggers: "[Approved, Granted]")
        _ = await ws.apply()
        _ = await ws.run { await setEnabled("b", false, $0, terminal: $1) }
        let result = await ws.run { await list($0, terminal: $1) }
        #expect(
            result.out == """
                NAME  STATE       METHOD  HOST               TRIGGERS          MANAGED
                a     ● active    POST    hooks.example.com  Created           managed
                b     ○ inactive  POST    other.example.org  Approved,Granted  managed

                """)
    }

    @Test func disableIsDriftThatApplyReverts() async {
        let ws = PlanWorkspace()
        ws.declare("a")
        _ = await ws.apply()
        let disabled = await ws.run { await setEnabled("a", false, $0, terminal: $1) }
        #expect(disabled.code == 0)
        let plan = await ws.plan()
        #expect(plan.out.contains("Drift: changed outside hookctl"))
        #expect(plan.out.contains("~ active = false → true"))
        #expect(await ws.apply().code == ApplyExit.applied)
        #expect(await ws.plan().out == "No changes. Live webhooks match webhooks.d.\n")
        let missing = await ws.run { await setEnabled("b", true, $0, terminal: $1) }
        #expect(missing.code == 1)
        #expect(missing.err == "error: no live webhook named \"b\" (hookctl list shows them); did you mean \"a\"?\n")
    }

    /// `enable`, `disable`, `list`, `log` and `export` read or change a store that exists; they do not create an
    /// empty one to find nothing in.
    @Test func commandsOnTheLiveStateCreateNoStore() async {
        let ws = PlanWorkspace()
        let commands: [(String, (StoreCommandOptions, Terminal) async -> Int32)] = [
            ("enable", { await setEnabled("a", true, $0, terminal: $1) }),
            ("list", { await list($0, terminal: $1) }),
            ("log", { await showLog($0, terminal: $1) }),
            (
                "export",
                { options, terminal in
                    await export(ExportOptions(currentDirectory: options.currentDirectory), terminal: terminal)
                }
            ),
        ]
        for (name, command) in commands {
            let result = await ws.run(command)
            #expect(result.code == 1, "\(name)")
            #expect(result.err.hasPrefix("error: no store at "), "\(name): \(result.err)")
            #expect(!FileManager.default.fileExists(atPath: ws.storePath), "\(name) made a store")
        }
    }

    @Test func forceUnlockReleasesOnlyTheNamedLock() async {
        let ws = PlanWorkspace()
        ws.declare("a")
        _ = await ws.apply()
        let (terminal, _, err) = Terminal.capturing(environment: ws.environment)
        let code = await forceUnlock(ForceUnlockOptions(lockID: "nope", currentDirectory: ws.root), terminal: terminal)
        #expect(code == 1)
        #expect(err.text == "error: no lock is held; nothing was released\n")
    }
}
