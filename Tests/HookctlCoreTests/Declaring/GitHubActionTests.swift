import Foundation
import HookctlCore
import TestSupport
import Testing

/// hookctl's GitHub Action (action.yml and the scripts under action/) and the repository's workflows.
@Suite("The GitHub Action and workflows")
struct GitHubActionTests {
    @Test func theActionPassesGitHubsActionSchema() async throws {
        let result = try await GitHubSchemas.check(.action, [repositoryRoot.appendingPathComponent("action.yml").path])
        #expect(result.status == 0, "\(result.text)")
        #expect(result.text.contains("ok -- validation done"), "\(result.text)")
    }

    @Test func everyWorkflowPassesGitHubsWorkflowSchema() async throws {
        let folder = repositoryRoot.appendingPathComponent(".github/workflows")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yml") }
            .map { folder.appendingPathComponent($0).path }
        try #require(files.count >= 2, "\(files)")
        let result = try await GitHubSchemas.check(.workflow, files)
        #expect(result.status == 0, "\(result.text)")
    }

    @Test func theActionOffersTheDocumentedInputsAndRunsItsScripts() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("action.yml"), encoding: .utf8)
        for input in ["command", "path", "store", "format", "plan-file", "comment", "sarif", "reviewed-plan"] {
            #expect(text.contains("\n  \(input):\n"), "action.yml has no input \(input)")
        }
        for script in ["version.sh", "build.sh", "runtime.sh", "run.sh", "plan-comment.js", "reviewed-plan.js"] {
            #expect(text.contains("/action/\(script)"), "action.yml never runs action/\(script)")
            let path = repositoryRoot.appendingPathComponent("action/\(script)").path
            #expect(FileManager.default.fileExists(atPath: path), "action/\(script) is missing")
        }
    }

    /// The cache key changes exactly when the source it builds from does.
    @Test func theCacheKeyIsTheVersionAndADigestOfTheSource() async throws {
        let first = try await Self.bash(["action/version.sh"])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("version=0.1.0\n"), "\(first.output)")
        #expect(first.output.range(of: #"key=0\.1\.0-[0-9a-f]{16}\n"#, options: .regularExpression) != nil)
        #expect(try await Self.bash(["action/version.sh"]).output == first.output, "the key is not stable")
    }

    /// The plan comment: one comment found by its marker and updated in place, within GitHub's 65,536 characters,
    /// saying how many lines were left out. Runs action/plan-comment.js in Node against an in-memory stand-in for
    /// the GitHub REST API that holds the pull request's comments.
    @Test func thePlanIsOneCommentUpdatedInPlaceWithinTheLimit() async throws {
        let workspace = try Workspace()
        let small = try workspace.write(
            "small.md", "### hookctl plan\n\n**Plan: 1 to add, 0 to change, 0 to delete.**\n")
        let lines = (0..<20_000).map { "+ webhook-\($0) url = \"https://hooks.example.com/\($0)\"" }
        let large = try workspace.write(
            "large.md", "### hookctl plan\n\n```diff\n" + lines.joined(separator: "\n") + "\n```\n")
        let script = """
            const { upsert, marker, LIMIT } = require(process.argv[1]);
            const comments = [{ id: 1, body: 'an unrelated comment' }];
            const api = {
              paginate: async (method, args) => comments.slice(),
              rest: { issues: {
                listComments: 'list',
                updateComment: async ({ comment_id, body }) => { comments.find((c) => c.id === comment_id).body = body; },
                createComment: async ({ body }) => { comments.push({ id: comments.length + 1, body }); return { data: { id: comments.length } }; },
              } },
            };
            const context = { repo: { owner: 'acme', repo: 'hooks' }, issue: { number: 7 }, runId: 42, serverUrl: 'https://github.com' };
            const core = { info: () => {} };
            (async () => {
              await upsert({ github: api, context, core }, { reportPath: process.argv[2], path: 'webhooks.d' });
              await upsert({ github: api, context, core }, { reportPath: process.argv[3], path: 'webhooks.d' });
              const mine = comments.filter((c) => c.body.startsWith(marker('webhooks.d')));
              console.log(JSON.stringify({ count: comments.length, mine: mine.length, length: mine[0].body.length, limit: LIMIT, body: mine[0].body }));
            })();
            """
        let result = try await Self.node(
            script, [repositoryRoot.appendingPathComponent("action/plan-comment.js").path, small, large])
        try #require(result.status == 0, "\(result.output)")
        let outcome = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], "\(result.output)")
        #expect(outcome["count"] as? Int == 2, "the second push made a new comment instead of updating the first")
        #expect(outcome["mine"] as? Int == 1)
        let length = try #require(outcome["length"] as? Int)
        #expect(length <= 65_536 && length > 60_000, "\(length)")
        let body = try #require(outcome["body"] as? String)
        let shown = body.components(separatedBy: "\n+ webhook-").count - 1
        #expect(
            body.contains("_… \(20_005 - 3 - shown) of 20005 lines left out (GitHub allows 65,536 characters"),
            "\(body.suffix(400))")
        #expect(body.components(separatedBy: "```").count % 2 == 1, "the diff fence is left open")
        #expect(!body.contains("Plan: 1 to add"), "the comment still shows the first push's plan")
    }

    /// Apply's lookup of the reviewed plan: the pull request merged as the pushed commit, the newest successful run of
    /// the workflow for its head commit that still has the plan artifact; none is a failure that applies nothing.
    /// Runs action/reviewed-plan.js in Node against an in-memory stand-in for the GitHub REST API.
    @Test func applyFindsThePlanOfTheNewestSuccessfulRunOfTheMergedPullRequest() async throws {
        let script = """
            const { find } = require(process.argv[1]);
            const run = async (pulls, runs, artifacts) => {
              const outputs = {}; let failed = null;
              const core = { info: () => {}, setOutput: (k, v) => { outputs[k] = v; }, setFailed: (m) => { failed = m; } };
              const github = {
                paginate: async (method, args) => method(args),
                rest: {
                  repos: { listPullRequestsAssociatedWithCommit: async () => ({ data: pulls }) },
                  actions: {
                    getWorkflowRun: async () => ({ data: { workflow_id: 9 } }),
                    listWorkflowRuns: (args) => runs.filter((r) => r.head_sha === args.head_sha && args.status === 'success'),
                    listWorkflowRunArtifacts: async ({ run_id }) => ({ data: { artifacts: artifacts[run_id] || [] } }),
                  },
                },
              };
              const context = { repo: { owner: 'acme', repo: 'hooks' }, sha: 'merge1', runId: 100 };
              await find({ github, context, core }, { artifact: 'hookctl-plan' });
              return { outputs, failed };
            };
            (async () => {
              const pulls = [{ number: 7, merged_at: '2026-12-01', merge_commit_sha: 'merge1', head: { sha: 'head7' } }];
              const runs = [
                { id: 1, head_sha: 'head7', created_at: '2026-12-01T09:00:00Z', html_url: 'u1' },
                { id: 2, head_sha: 'head7', created_at: '2026-12-01T10:00:00Z', html_url: 'u2' },
                { id: 3, head_sha: 'other', created_at: '2026-12-01T11:00:00Z', html_url: 'u3' },
              ];
              const found = await run(pulls, runs, { 1: [{ expired: false }], 2: [{ expired: false }], 3: [{ expired: false }] });
              const expired = await run(pulls, runs, { 1: [{ expired: false }], 2: [{ expired: true }] });
              const none = await run(pulls, runs, {});
              const unmerged = await run([], runs, {});
              console.log(JSON.stringify({ found, expired, none, unmerged }));
            })();
            """
        let result = try await Self.node(
            script, [repositoryRoot.appendingPathComponent("action/reviewed-plan.js").path])
        try #require(result.status == 0, "\(result.output)")
        let outcome = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: [String: Any]])
        #expect((outcome["found"]?["outputs"] as? [String: String])?["run-id"] == "2", "\(result.output)")
        #expect((outcome["found"]?["outputs"] as? [String: String])?["artifact"] == "hookctl-plan")
        #expect((outcome["expired"]?["outputs"] as? [String: String])?["run-id"] == "1", "\(result.output)")
        #expect((outcome["none"]?["failed"] as? String)?.contains("#7 has no successful plan") == true)
        #expect((outcome["unmerged"]?["failed"] as? String)?.contains("no merged pull request") == true)
    }

    static func bash(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await run("/bin/bash", arguments, environment: ["GITHUB_OUTPUT": "/dev/stdout"])
    }

    static func node(_ script: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        guard let node = ["/usr/bin/node", "/usr/local/bin/node"].first(where: FileManager.default.isExecutableFile)
        else {
            throw NodeMissing()
        }
        return try await run(node, ["-e", script, "--"] + arguments)
    }

    /// Runs a program to its end; standard output and error together.
    /// Runs `executable` and waits for it off the cooperative pool.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil
    ) async throws -> (status: Int32, output: String) {
        try await offThePool { try runBlocking(executable, arguments, environment: environment, directory: directory) }
    }

    private static func runBlocking(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: String?
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory.map { URL(fileURLWithPath: $0) } ?? repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// The plan-comment test runs the action's script in Node, as GitHub's runner does.
struct NodeMissing: Error, CustomStringConvertible {
    var description: String {
        "the plan-comment test runs action/plan-comment.js with Node.js; install it (apt-get install nodejs)"
    }
}

/// action/run.sh as the action runs it — GitHub's step files in a scratch folder, the built hookctl on `PATH` — in a
/// repository made by `hookctl init`: lint, plan, and apply of the reviewed plan only over the declarations it was
/// made from.
@Suite("The action's run step")
struct ActionRunStepTests {
    struct Step {
        var status: Int32
        var output: String
        var outputs: [String: String]
        var summary: String
    }

    static func step(
        _ command: String, in repository: String, scratch: Workspace, extra: [String: String] = [:]
    )
        async throws -> Step
    {
        let binary = try #require(
            ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first (swift build)")
        let outputs = scratch.path("outputs-\(command)")
        let summary = scratch.path("summary-\(command)")
        _ = FileManager.default.createFile(atPath: outputs, contents: nil)
        _ = FileManager.default.createFile(atPath: summary, contents: nil)
        var environment = [
            "GITHUB_OUTPUT": outputs, "GITHUB_STEP_SUMMARY": summary, "RUNNER_TEMP": scratch.path("temp-\(command)"),
            "INPUT_COMMAND": command, "INPUT_PATH": "webhooks.d", "INPUT_PLAN_FILE": "hookctl.plan",
            "INPUT_STORE": "sqlite:\(scratch.path("state.db"))", "INPUT_FORMAT": "", "INPUT_ARGS": "",
            "PATH": URL(fileURLWithPath: binary).deletingLastPathComponent().path + ":/usr/bin:/bin",
            "HOOKCTL_STORE_KEY": Data(repeating: 3, count: 32).base64EncodedString(),
        ]
        environment.merge(extra) { $1 }
        let result = try await GitHubActionTests.run(
            "/bin/bash", [repositoryRoot.appendingPathComponent("action/run.sh").path], environment: environment,
            directory: repository)
        var values: [String: String] = [:]
        for line in try String(contentsOfFile: outputs, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        return Step(
            status: result.status, output: result.output, outputs: values,
            summary: try String(contentsOfFile: summary, encoding: .utf8))
    }

    @Test func lintPlanAndApplyTheReviewedPlanOnlyOverItsDeclarations() async throws {
        let scratch = try Workspace(webhooksDirectory: false)
        let (terminal, _, _) = Terminal.capturing()
        var options = InitOptions()
        (options.directory, options.currentDirectory) = ("repo", scratch.path)
        #expect(initRepository(options, terminal: terminal) == InitExit.done)
        let repository = scratch.path("repo")

        let lint = try await Self.step("lint", in: repository, scratch: scratch)
        #expect(lint.status == 0 && lint.outputs["exit-code"] == "0", "\(lint.output)")
        let sarif = try #require(lint.outputs["sarif"])
        #expect(try String(contentsOfFile: sarif, encoding: .utf8).contains("\"version\" : \"2.1.0\""))

        let plan = try await Self.step("plan", in: repository, scratch: scratch)
        #expect(plan.outputs["exit-code"] == "0", "\(plan.output)")
        #expect(plan.summary.contains("### hookctl plan") && plan.summary.contains("example-access-requests"))
        #expect(FileManager.default.fileExists(atPath: repository + "/hookctl.plan"))

        // The merge brings other declarations than the ones reviewed: nothing is applied.
        let reviewed = scratch.path("reviewed")
        try FileManager.default.createDirectory(atPath: reviewed, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repository + "/hookctl.plan", toPath: reviewed + "/hookctl.plan")
        let example = repository + "/webhooks.d/example.yaml"
        let original = try String(contentsOfFile: example, encoding: .utf8)
        try original.replacingOccurrences(of: "timeout: 10s", with: "timeout: 20s")
            .write(toFile: example, atomically: true, encoding: .utf8)
        let moved = try await Self.step(
            "apply", in: repository, scratch: scratch, extra: ["REVIEWED_PLAN_DIR": reviewed])
        #expect(moved.outputs["exit-code"] == "1", "\(moved.output)")
        #expect(moved.output.contains("differ from the ones the reviewed plan was made from"), "\(moved.output)")

        // Over the reviewed declarations, the reviewed plan is applied; once applied, the store has moved past it.
        try original.write(toFile: example, atomically: true, encoding: .utf8)
        let applied = try await Self.step(
            "apply", in: repository, scratch: scratch, extra: ["REVIEWED_PLAN_DIR": reviewed])
        #expect(applied.outputs["exit-code"] == "0", "\(applied.output)")
        #expect(applied.output.contains("Apply complete! 1 added"), "\(applied.output)")
        let again = try await Self.step(
            "apply", in: repository, scratch: scratch, extra: ["REVIEWED_PLAN_DIR": reviewed])
        #expect(again.outputs["exit-code"] == "3", "\(again.output)")
        #expect(again.output.contains("stale plan"), "\(again.output)")
    }
}
