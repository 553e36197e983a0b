import Foundation
import TestSupport
import Testing

/// `hookctl --generate-completion-script bash`, run by a real bash the way it completes a command line.
@Suite("Shell completion")
struct CompletionScriptTests {
    static func declaration(_ name: String) -> String {
        """
        name: \(name)
        method: POST
        url: https://hooks.example.com/\(name)
        triggers: [Created]
        body: '{"id": "{{data.id}}"}'
        """
    }

    /// What bash's completion offers for `line` (the word being completed is the text after its last space), called
    /// as bash calls it: `COMP_WORDS`, `COMP_CWORD`, `COMP_LINE`, `COMP_POINT` set, and the command, the current word
    /// and the previous one as arguments.
    static func complete(_ line: String, binary: String, script: String, in directory: String) async throws -> [String]
    {
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let quoted = ([binary] + words).map { "'\($0)'" }.joined(separator: " ")
        let bash = """
            source "$1"
            COMP_WORDS=(\(quoted))
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMP_LINE="${COMP_WORDS[*]}"
            COMP_POINT=${#COMP_LINE}
            _hookctl "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try await GitHubActionTests.run("/bin/bash", ["-c", bash, "bash", script], directory: directory)
        #expect(result.status == 0, "\(result.output)")
        return result.output.split(separator: "\n").map(String.init).sorted()
    }

    @Test func bashOffersDeclaredNamesForTestAndLiveNamesForEnable() async throws {
        let binary = try #require(
            ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first (swift build)")
        let workspace = try Workspace()
        try workspace.write("webhooks.d/a.yaml", Self.declaration("jira-alpha") + "\n---\n" + Self.declaration("slack"))
        let generated = try await GitHubActionTests.run(binary, ["--generate-completion-script", "bash"])
        #expect(generated.status == 0)
        let script = try workspace.write("hookctl.bash", generated.output)

        // Before any apply there is no store: every command completes the declared names, and none creates a store.
        #expect(
            try await Self.complete("test ", binary: binary, script: script, in: workspace.path) == [
                "jira-alpha", "slack",
            ])
        #expect(
            try await Self.complete("enable j", binary: binary, script: script, in: workspace.path) == ["jira-alpha"])
        #expect(!FileManager.default.fileExists(atPath: workspace.path(".hookctl/state.db")))

        let applied = try await GitHubActionTests.run(
            binary, ["apply", "--auto-approve", "--set", "t"], directory: workspace.path)
        #expect(applied.status == 0, "\(applied.output)")
        // Now the declarations change: test and render complete what is declared, enable and history what is live.
        try workspace.write("webhooks.d/a.yaml", Self.declaration("jira-beta") + "\n---\n" + Self.declaration("slack"))
        #expect(
            try await Self.complete("test ", binary: binary, script: script, in: workspace.path) == [
                "jira-beta", "slack",
            ])
        #expect(
            try await Self.complete("render jira", binary: binary, script: script, in: workspace.path) == ["jira-beta"])
        #expect(
            try await Self.complete("enable ", binary: binary, script: script, in: workspace.path) == [
                "jira-alpha", "slack",
            ])
        #expect(
            try await Self.complete("history list jira", binary: binary, script: script, in: workspace.path) == [
                "jira-alpha"
            ]
        )
        #expect(
            try await Self.complete("redeliver --webhook s", binary: binary, script: script, in: workspace.path) == [
                "slack"
            ])
    }
}
