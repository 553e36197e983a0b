import Foundation
import HookctlCore
import TestSupport
import Testing

@Suite("hookctl init and the committed schema")
struct InitCommandTests {
    static let scaffold = [
        "webhooks.d/example.yaml", "schema/declarations.schema.json", ".github/workflows/webhooks.yml", ".gitignore",
    ]

    func initialize(_ directory: String, in workspace: Workspace, action: String? = nil) -> (code: Int32, out: String) {
        let (terminal, out, err) = Terminal.capturing()
        var options = InitOptions()
        (options.directory, options.action, options.currentDirectory) = (directory, action, workspace.path)
        let code = initRepository(options, terminal: terminal)
        return (code, out.text + err.text)
    }

    func contents(_ root: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in Self.scaffold { files[path] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)) }
        return files
    }

    @Test func anEmptyFolderBecomesARepositoryThatValidatesLintsCleanAndPassesTheWorkflowSchema() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let first = initialize("repo", in: workspace)
        #expect(first.code == InitExit.done, "\(first.out)")
        for path in Self.scaffold { #expect(first.out.contains("wrote  repo/\(path)\n"), "\(first.out)") }
        #expect(first.out.contains("replace OWNER/hookctl@v0"), "\(first.out)")
        let root = workspace.path("repo")

        let (terminal, out, _) = Terminal.capturing()
        #expect(validate(ValidateOptions(currentDirectory: root), terminal: terminal) == CheckExit.clean, "\(out.text)")
        #expect(!out.text.contains("warning"), "\(out.text)")
        let linted = Terminal.capturing()
        let lintCode = lint(LintOptions(strict: true, currentDirectory: root), terminal: linted.terminal)
        #expect(lintCode == CheckExit.clean, "\(linted.out.text)\(linted.err.text)")

        let workflow = try await GitHubSchemas.check(.workflow, [root + "/.github/workflows/webhooks.yml"])
        #expect(workflow.status == 0, "\(workflow.text)")
        let example = try String(contentsOfFile: root + "/webhooks.d/example.yaml", encoding: .utf8)
        #expect(example.hasPrefix("# yaml-language-server: $schema=../schema/declarations.schema.json\n"))
        #expect(try String(contentsOfFile: root + "/.gitignore", encoding: .utf8).contains("\n.hookctl/\n"))

        // A second run overwrites nothing, not even a file the user changed since.
        let edited = example.replacingOccurrences(of: "active: false", with: "active: true ")
        try edited.write(toFile: root + "/webhooks.d/example.yaml", atomically: true, encoding: .utf8)
        let before = try contents(root)
        let second = initialize("repo", in: workspace)
        #expect(second.code == InitExit.done)
        #expect(!second.out.contains("wrote"), "\(second.out)")
        for path in Self.scaffold.dropFirst() {
            #expect(second.out.contains("kept   repo/\(path) (it exists"), "\(second.out)")
        }
        #expect(second.out.contains("Nothing to write"), "\(second.out)")
        #expect(try contents(root) == before, "the second run changed a file")
    }

    /// A `.gitignore` that already leaves out `.hookctl/` is kept as it is, however it writes the pattern.
    @Test func aGitignoreThatIgnoresTheLocalStateIsKept() throws {
        for pattern in [".hookctl", "/.hookctl/", ".hookctl/*"] {
            let workspace = try Workspace()
            try workspace.write(".gitignore", "node_modules/\n\(pattern)\n")
            let result = initialize(".", in: workspace, action: "acme/hookctl@v1")
            #expect(result.out.contains("kept   .gitignore (it exists; left as it is)"), "\(pattern): \(result.out)")
            #expect(
                try String(contentsOfFile: workspace.path(".gitignore"), encoding: .utf8)
                    == "node_modules/\n\(pattern)\n")
        }
    }

    @Test func anExistingWebhooksFolderIsLeftAloneAndAGitignoreGetsTheLocalState() throws {
        let workspace = try Workspace()
        try workspace.write("webhooks.d/team/ours.yaml", "name: ours\n")
        try workspace.write(".gitignore", ".build/\n")
        let result = initialize(".", in: workspace, action: "acme/hookctl@v1")
        #expect(result.code == InitExit.done, "\(result.out)")
        #expect(result.out.contains("kept   webhooks.d/ (it holds declarations; no example added)"), "\(result.out)")
        #expect(
            result.out.contains("added  .hookctl/ to .gitignore (hookctl's local store and its key live there)"),
            "\(result.out)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("webhooks.d/example.yaml")))
        #expect(
            try String(contentsOfFile: workspace.path(".gitignore"), encoding: .utf8)
                == ".build/\n\n# hookctl's local state: the embedded store, its key, the ingest token.\n.hookctl/\n")
        let workflow = try String(contentsOfFile: workspace.path(".github/workflows/webhooks.yml"), encoding: .utf8)
        #expect(workflow.contains("uses: acme/hookctl@v1\n") && !workflow.contains("OWNER"))
        #expect(!result.out.contains("replace OWNER"))
    }

    @Test func aFileThatCannotBeWrittenIsAnError() throws {
        let workspace = try Workspace(webhooksDirectory: false)
        try workspace.write("repo/schema", "a file where a folder must go\n")
        let result = initialize("repo", in: workspace)
        #expect(result.code == InitExit.error)
        #expect(result.out.contains("error: cannot write repo/schema/declarations.schema.json"), "\(result.out)")
        #expect(result.out.contains("wrote  repo/webhooks.d/example.yaml"))
    }

    /// The repository's own example workflow is exactly what `hookctl init` writes.
    @Test func theRepositorysWorkflowIsTheOneInitWrites() throws {
        let workspace = try Workspace(webhooksDirectory: false)
        #expect(initialize(".", in: workspace).code == InitExit.done)
        let written = try String(contentsOfFile: workspace.path(".github/workflows/webhooks.yml"), encoding: .utf8)
        try expectCommitted(".github/workflows/webhooks.yml", equals: written)
    }

    /// `schema/declarations.schema.json` is what `hookctl schema --declarations` prints.
    @Test func theCommittedDeclarationSchemaIsTheCommandsOutput() throws {
        let (terminal, out, _) = Terminal.capturing()
        #expect(printSchema(declarations: true, terminal: terminal) == 0)
        try expectCommitted("schema/declarations.schema.json", equals: out.text)
        let document = try JSONSerialization.jsonObject(with: Data(out.text.utf8)) as? [String: Any]
        #expect(document?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let (eventTerminal, eventOut, _) = Terminal.capturing()
        _ = printSchema(terminal: eventTerminal)
        #expect(eventOut.text.contains("Access-request event"), "without --declarations it is the event's schema")
    }

    func expectCommitted(
        _ path: String, equals text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let url = repositoryRoot.appendingPathComponent(path)
        if ProcessInfo.processInfo.environment["HOOKCTL_RECORD"] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(
            committed == text, "\(path) is stale; HOOKCTL_RECORD=1 bash Scripts/test.sh rewrites it",
            sourceLocation: sourceLocation)
    }
}
