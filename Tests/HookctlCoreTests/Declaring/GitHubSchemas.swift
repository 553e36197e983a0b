import Foundation
import TestSupport

/// Checks files against GitHub's own schemas for workflows and actions, with PyPI's check-jsonschema (pinned in
/// Scripts/test-requirements.txt; the schemas ship inside the package, so it works offline).
enum GitHubSchemas {
    enum Kind: String {
        case workflow = "vendor.github-workflows"
        case action = "vendor.github-actions"
    }

    static func check(_ kind: Kind, _ files: [String]) async throws -> Python.Output {
        let script = """
            import sys
            from check_jsonschema import main
            sys.argv = ["check-jsonschema", "--builtin-schema", sys.argv[1], *sys.argv[2:]]
            main()
            """
        return try await Python.run(script, arguments: [kind.rawValue] + files, requiring: ["check_jsonschema"])
    }
}
