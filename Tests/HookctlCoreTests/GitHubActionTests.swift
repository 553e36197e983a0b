import Foundation
import TestSupport
import Testing

/// hookctl's GitHub Action (action.yml and the scripts under action/) and the repository's workflows.
@Suite("The GitHub Action and workflows")
struct GitHubActionTests {
    @Test func theActionPassesGitHubsActionSchema() throws {
        let result = try GitHubSchemas.check(.action, [repositoryRoot.appendingPathComponent("action.yml").path])
        #expect(result.status == 0, "\(result.text)")
        #expect(result.text.contains("ok -- validation done"), "\(result.text)")
    }

    @Test func everyWorkflowPassesGitHubsWorkflowSchema() throws {
        let folder = repositoryRoot.appendingPathComponent(".github/workflows")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yml") }
            .map { folder.appendingPathComponent($0).path }
        try #require(files.count >= 2, "\(files)")
        let result = try GitHubSchemas.check(.workflow, files)
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
    @Test func theCacheKeyIsTheVersionAndADigestOfTheSource() throws {
        let first = try Self.bash(["action/version.sh"])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("version=0.1.0\n"), "\(first.output)")
        #expect(first.output.range(of: #"key=0\.1\.0-[0-9a-f]{16}\n"#, options: .regularExpression) != nil)
        #expect(try Self.bash(["action/version.sh"]).output == first.output, "the key is not stable")
    }

    /// The plan comment: one comment found by its marker and updated in place, within GitHub's 65,536 characters,
    /// saying how many lines were left out. Runs action/plan-comment.js in Node against an in-memory stand-in for
    /// the GitHub REST API that holds the pull request's comments.
    @Test func thePlanIsOneCommentUpdatedInPlaceWithinTheLimit() throws {
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
        let result = try Self.node(
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

    static func bash(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try run("/bin/bash", arguments, environment: ["GITHUB_OUTPUT": "/dev/stdout"])
    }

    static func node(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        guard let node = ["/usr/bin/node", "/usr/local/bin/node"].first(where: FileManager.default.isExecutableFile)
        else {
            throw NodeMissing()
        }
        return try run(node, ["-e", script, "--"] + arguments)
    }

    /// Runs a program to its end; standard output and error together.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil
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
