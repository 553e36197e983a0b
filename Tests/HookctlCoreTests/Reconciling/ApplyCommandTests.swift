import Foundation
import HookctlCore
import Testing

@Suite("hookctl apply")
struct ApplyCommandTests {
    @Test func appliesThenNothingToDo() async {
        let ws = PlanWorkspace()
        ws.declare("a")
        let first = await ws.apply()
        #expect(first.code == ApplyExit.applied, "\(first.err)")
        #expect(first.out.contains("Apply complete! 1 added, 0 changed, 0 deleted (serial 1)."))
        let second = await ws.apply()
        #expect(second.code == ApplyExit.nothingToDo)
        #expect(second.out.contains("No changes. Live webhooks match webhooks.d."))
    }

    @Test func refusesWithoutATerminalAndHonoursTheAnswer() async {
        let ws = PlanWorkspace()
        ws.declare("a")
        let noTerminal = await ws.apply(ApplyOptions())
        #expect(noTerminal.code == ApplyExit.error)
        #expect(noTerminal.err.contains("--auto-approve"))
        let declined = await ws.apply(ApplyOptions(readAnswer: { "no" }), interactive: true)
        #expect(declined.code == ApplyExit.declined)
        #expect(await ws.serial() == 0)
        let accepted = await ws.apply(ApplyOptions(readAnswer: { "yes" }), interactive: true)
        #expect(accepted.code == ApplyExit.applied)
    }

    @Test func appliesASavedPlanExactly() async {
        let ws = PlanWorkspace()
        ws.declare("a")
        #expect(await ws.plan(PlanOptions(out: "a.plan")).code == 0)
        ws.declare("b")  // not in the saved plan
        let result = await ws.apply(ApplyOptions(planFile: "a.plan"))
        #expect(result.code == ApplyExit.applied, "\(result.err)")
        #expect(await ws.plan().out.contains("Plan: 1 to add, 0 to change, 0 to delete."))
        let log = await ws.run { await showLog($0, terminal: $1) }
        #expect(log.out.contains("tester"))
    }

    /// A saved plan carries a tag under the store key: one changed after `plan` wrote it (here: its URL, as someone
    /// able to write the CI artifact but without the key would), or stripped of its tag, applies nothing.
    @Test func aPlanChangedAfterItWasSavedIsRefused() async throws {
        let ws = PlanWorkspace()
        ws.declare("a", url: "https://hooks.example.com/in")
        #expect(await ws.plan(PlanOptions(out: "a.plan")).code == 0)
        let saved = try String(contentsOfFile: ws.root + "/a.plan", encoding: .utf8)
        #expect(saved.contains("\"tag\":\""), "the plan file carries its tag")
        let variants = [
            ("changed", saved.replacingOccurrences(of: "hooks.example.com", with: "evil.example.com")),
            ("untagged", saved.replacing(#/,"tag":"[0-9a-f]+"/#, with: "")),
        ]
        for (what, text) in variants {
            #expect(text != saved, "\(what): the test changed nothing")
            try text.write(toFile: ws.root + "/b.plan", atomically: true, encoding: .utf8)
            let result = await ws.apply(ApplyOptions(planFile: "b.plan"))
            #expect(result.code == ApplyExit.error, "\(what): \(result.out)")
            #expect(result.err.contains("is not a plan hookctl plan wrote for this store"), "\(what): \(result.err)")
            #expect(!result.out.contains("evil.example.com"), "\(what): the changed plan was shown as if to apply")
        }
        #expect(await ws.serial() == 0, "nothing was applied")
        #expect(await ws.apply(ApplyOptions(planFile: "a.plan")).code == ApplyExit.applied)
    }

    /// A file that is not a plan says what it is instead.
    @Test func aFileThatIsNotAPlanSaysWhatItIs() async throws {
        let ws = PlanWorkspace()
        for (text, why) in [
            ("{", "not JSON: 1:2: unexpected end of input"), ("[1]", "JSON, but not an object"),
            (#"{"kind": "terraform"}"#, #"its kind is "terraform", not "hookctl-plan""#),
            (#"{"kind": "hookctl-plan", "plan": {}}"#, "its plan is not one this hookctl wrote"),
        ] {
            try text.write(toFile: ws.root + "/x.plan", atomically: true, encoding: .utf8)
            let result = await ws.apply(ApplyOptions(planFile: "x.plan"))
            #expect(result.code == ApplyExit.error)
            #expect(result.err.contains("x.plan is not a hookctl plan file (\(why)"), "\(result.err)")
        }
    }

    @Test func stalePlanBySerialAndVersionListsWhatMoved() async {
        let ws = PlanWorkspace()
        ws.declare("a")
        _ = await ws.apply()
        ws.declare("a", url: "https://hooks.example.com/v2")
        #expect(await ws.plan(PlanOptions(out: "a.plan")).code == 0)
        _ = await ws.run { await setEnabled("a", false, $0, terminal: $1) }
        let result = await ws.apply(ApplyOptions(planFile: "a.plan"))
        #expect(result.code == ApplyExit.stalePlan)
        #expect(result.err.contains("stale plan"))
        #expect(result.err.contains("serial: 1 when planned, now 2"))
        #expect(result.err.contains("webhook \"a\": version 1 when planned, now version 2"))
    }

    @Test func stalePlanByLineage() async {
        let ws = PlanWorkspace()
        ws.declare("a")
        #expect(await ws.plan(PlanOptions(out: "a.plan")).code == 0)
        try? FileManager.default.removeItem(atPath: ws.root + "/.hookctl")
        let result = await ws.apply(ApplyOptions(planFile: "a.plan"))
        #expect(result.code == ApplyExit.stalePlan)
        #expect(result.err.contains("lineage"))
    }

    @Test func protectBlocksDeletionUntilUnprotected() async {
        let ws = PlanWorkspace()
        ws.declare("a", extra: "protect: true\n")
        ws.declare("b")
        ws.declare("c")
        _ = await ws.apply()
        ws.remove("a")
        let blocked = await ws.apply()
        #expect(blocked.code == ApplyExit.error)
        #expect(blocked.err.contains("webhook \"a\" is protected"))
        ws.declare("a")
        #expect(await ws.apply().code == ApplyExit.applied)
        ws.remove("a")
        #expect(await ws.apply().code == ApplyExit.applied)
    }

    @Test func webhooksOfAnotherSetAreLeftAloneAndNeverDeleted() async {
        let ws = PlanWorkspace()
        ws.declare("mine")
        _ = await ws.apply(set: "repo")
        ws.remove("mine")
        ws.declare("theirs")
        let other = await ws.apply(set: "other-repo")
        #expect(other.out.contains("mine (managed by \"repo\")"))
        #expect(!other.out.contains("- delete mine"))
        ws.declare("mine")
        let clash = await ws.plan(set: "repo")
        #expect(clash.code == 1)
        #expect(clash.err.contains("webhook \"theirs\" is managed by another set, \"other-repo\""))
    }

    @Test func secretsNeverAppearInOutputPlanFilesOrTheDatabase() async throws {
        let ws = PlanWorkspace()
        ws.declare("a")
        var outputs = [await ws.plan(PlanOptions(out: "a.plan")).out]
        outputs.append(await ws.apply(ApplyOptions(planFile: "a.plan")).out)
        var rotated = ws
        rotated.environment["API_TOKEN"] = "second-" + PlanWorkspace.secret
        for format in PlanOptions.Format.allCases {
            outputs.append(await rotated.plan(PlanOptions(format: format)).out)
        }
        #expect(outputs.last?.contains("(sensitive value changed)") == true)
        outputs.append(await rotated.apply().out)
        outputs.append(await rotated.run { await list($0, terminal: $1) }.out)
        outputs.append(await rotated.run { await showLog($0, terminal: $1) }.out)
        for output in outputs { #expect(!output.contains(PlanWorkspace.secret)) }
        let files = ws.allFiles()
        #expect(files.contains { $0.path.hasSuffix("state.db") })
        for (path, data) in files {
            #expect(data.range(of: Data(PlanWorkspace.secret.utf8)) == nil, "secret found in \(path)")
        }
    }
}
