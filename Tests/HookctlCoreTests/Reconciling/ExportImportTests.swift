import Declarations
import Foundation
import HookctlCore
import SQLiteStore
import Testing

@Suite("hookctl export and import")
struct ExportImportTests {
    @Test func exportWritesDeclarationsThatLoadBackToTheSameWebhooks() async throws {
        let ws = PlanWorkspace()
        ws.declare("a", body: "{\n  \"id\": \"{{data.id}}\",\n\n  \"x\": 1\n}")
        ws.declare(
            "b", url: "https://other.example.org/x?y=1&z=2", triggers: "[Approved, Granted]",
            extra: "protect: true\ntimeout: 5s\n")
        _ = await ws.apply()
        _ = await ws.run { await setEnabled("b", false, $0, terminal: $1) }
        let exported = await ws.run {
            await export(ExportOptions(currentDirectory: ws.root, out: "exported"), terminal: $1)
        }
        #expect(exported.code == 0, "\(exported.err)")
        #expect(exported.out.contains("Wrote exported/a.yaml"))

        let original = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: ws.root)
        let roundTrip = DeclarationLoader.load(paths: ["exported"], currentDirectory: ws.root)
        #expect(!roundTrip.hasErrors, "\(roundTrip.diagnostics)")
        var expected = original.declarations.map(\.webhook).sorted { $0.name < $1.name }
        expected[1].active = false  // the live state, disabled outside hookctl
        #expect(roundTrip.declarations.map(\.webhook).sorted { $0.name < $1.name } == expected)

        let printed = await ws.run { await export(ExportOptions(currentDirectory: ws.root), terminal: $1) }
        #expect(printed.out.contains("token: ${env:API_TOKEN}"))
        #expect(!printed.out.contains(PlanWorkspace.secret))
        #expect(printed.out.contains("---\n"))
    }

    @Test func importWritesUnmanagedWebhooksAndTheNextApplyAdoptsThem() async throws {
        let ws = PlanWorkspace()
        ws.declare("legacy")
        _ = await ws.apply()
        ws.remove("legacy")
        // As if created outside any set: no command does this, so the test tampers with the store directly.
        try SQLiteStore(path: ws.storePath).executeRaw("UPDATE webhook SET managed_by = NULL WHERE name = 'legacy'")
        let before = await ws.plan()
        #expect(before.out.contains("legacy (unmanaged)"))

        let imported = await ws.run {
            await importWebhooks(["legacy"], ExportOptions(currentDirectory: ws.root), terminal: $1)
        }
        #expect(imported.code == 0, "\(imported.err)")
        #expect(FileManager.default.fileExists(atPath: ws.root + "/webhooks.d/legacy.yaml"))
        let adopt = await ws.plan()
        #expect(adopt.out.contains("~ update legacy (adopt: managed by this set from now on)"))
        #expect(adopt.out.contains("Plan: 0 to add, 1 to change, 0 to delete."))
        #expect(await ws.apply().code == ApplyExit.applied)
        #expect(await ws.run { await list($0, terminal: $1) }.out.contains("managed"))
        #expect(await ws.plan().out == "No changes. Live webhooks match webhooks.d.\n")

        let again = await ws.run {
            await importWebhooks(["legacy"], ExportOptions(currentDirectory: ws.root), terminal: $1)
        }
        #expect(again.code == 1)
        #expect(again.err.contains("already managed by \"repo\""))
        let missing = await ws.run {
            await importWebhooks(["nope"], ExportOptions(currentDirectory: ws.root), terminal: $1)
        }
        #expect(missing.err.contains("no live webhook named \"nope\""))
    }
}
