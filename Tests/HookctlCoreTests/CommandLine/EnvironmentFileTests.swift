import Foundation
import HookctlCore
import TestSupport
import Testing

@Suite("--env-file")
struct EnvironmentFileTests {
    @Test func parsesTheDotenvSubset() throws {
        let values = try EnvironmentFile.parse(
            """
            # a comment

            PLAIN=value with spaces # trailing comment
            export EXPORTED=yes
            SINGLE='kept #as is \\n'
            DOUBLE="line\\nbreak \\"quoted\\""
            EMPTY=
            WINDOWS=crlf\r
            """, file: "x.env")
        #expect(
            values == [
                "PLAIN": "value with spaces", "EXPORTED": "yes", "SINGLE": "kept #as is \\n",
                "DOUBLE": "line\nbreak \"quoted\"", "EMPTY": "", "WINDOWS": "crlf",
            ])
    }

    @Test(arguments: [
        ("JUST_A_NAME", "x.env:1: expected NAME=value"),
        ("1BAD=x", "x.env:1: \"1BAD\" is not a variable name (letters, digits and _)"),
        ("OK=1\nQUOTE=\"open", "x.env:2: unterminated \" quote"),
    ])
    func problemsNameTheLine(text: String, message: String) {
        #expect(throws: EnvironmentFile.Problem.self) { try EnvironmentFile.parse(text, file: "x.env") }
        do {
            _ = try EnvironmentFile.parse(text, file: "x.env")
        } catch {
            #expect(error.description == message)
        }
    }

    /// The README's test command is what CI runs, so the command a newcomer copies is the one CI proves.
    @Test func readmeTestCommandIsWhatCIRuns() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let block = try #require(readme.components(separatedBy: "```sh\n").dropFirst().first)
        let lines = block.components(separatedBy: "\n```").first?.split(separator: "\n") ?? []
        try #require(lines.count >= 2, "README's first code block has no test command")
        let command = lines[1].split(separator: "#").first?.trimmingCharacters(in: .whitespaces) ?? ""
        #expect(command == "bash Scripts/test.sh")
        let ci = try String(contentsOf: repositoryRoot.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(ci.contains("\n" + command), ".ci/run does not run \(command)")
    }

    /// The README's first command, on a copy of the examples: apply, apply again (nothing to do), list.
    @Test func quickStartAppliesTheExamples() async throws {
        let workspace = try Workspace(webhooksDirectory: false)
        let root = workspace.root
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("webhooks.d"), to: root.appendingPathComponent("webhooks.d"))
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("examples.env"), to: root.appendingPathComponent("examples.env"))
        var options = ApplyOptions(currentDirectory: root.path, autoApprove: true)
        options.setName = "quickstart"
        options.environmentFiles = ["examples.env"]

        let (terminal, out, err) = Terminal.capturing()
        #expect(await apply(options, terminal: terminal) == ApplyExit.applied, "\(err.text)")
        #expect(out.text.contains("Plan: 7 to add, 0 to change, 0 to delete."), "\(out.text)")
        #expect(!out.text.contains("demo-jira-token-not-a-secret"))

        let (again, againOut, _) = Terminal.capturing()
        #expect(await apply(options, terminal: again) == ApplyExit.nothingToDo, "\(againOut.text)")

        let (listTerminal, listed, _) = Terminal.capturing()
        let listCode = await list(
            StoreCommandOptions(setName: "quickstart", currentDirectory: root.path), terminal: listTerminal)
        #expect(listCode == 0)
        for name in [
            "jira-access-requests", "servicenow-incidents", "datadog-events", "slack-access-channel",
            "splunk-hec", "siem-signed", "database-team-grants",
        ] {
            #expect(listed.text.contains(name))
        }
        #expect(listed.text.contains("Granted (filtered)"), "a filtered webhook says so in list")

        var missing = options
        missing.environmentFiles = ["nope.env"]
        let (missingTerminal, _, missingErr) = Terminal.capturing()
        #expect(await apply(missing, terminal: missingTerminal) == ApplyExit.error)
        #expect(missingErr.text == "error: --env-file nope.env: cannot read the file\n")
    }
}
