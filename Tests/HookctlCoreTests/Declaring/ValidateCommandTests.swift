import Foundation
import HookctlCore
import TestSupport
import Testing

@Suite("hookctl validate")
struct ValidateCommandTests {
    /// Each folder under `Fixtures/validate/` is a working directory with a broken `webhooks.d`; its findings
    /// in each format are the golden `<case>.<format>.out` files beside it.
    static let cases = ["broken-copy", "yaml-errors", "clean-with-warnings", "filter-errors"]

    @Test(arguments: cases, OutputFormat.allCases)
    func goldenOutput(name: String, format: OutputFormat) {
        let directory = fixturesDirectory.appendingPathComponent("validate/\(name)").path
        let (terminal, out, err) = Terminal.capturing()
        let code = validate(ValidateOptions(format: format, currentDirectory: directory), terminal: terminal)
        expectGolden(out.text + "exit: \(code)\n", "validate/\(name).\(format.rawValue).out")
        #expect(err.text.isEmpty)
    }

    @Test func examplesAreValid() {
        let (terminal, out, _) = Terminal.capturing()
        let code = validate(ValidateOptions(currentDirectory: repositoryRoot.path), terminal: terminal)
        #expect(code == CheckExit.clean, "\(out.text)")
        #expect(out.text == "✓ 7 webhooks in 7 files: valid.\n")
    }

    @Test func jsonOutputIsVersionedAndComplete() throws {
        let directory = fixturesDirectory.appendingPathComponent("validate/broken-copy").path
        let (terminal, out, _) = Terminal.capturing()
        _ = validate(ValidateOptions(format: .json, currentDirectory: directory), terminal: terminal)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.text.utf8)) as? [String: Any])
        #expect(object["format_version"] as? String == "1")
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(!diagnostics.isEmpty)
        for diagnostic in diagnostics {
            #expect(diagnostic["file"] is String && diagnostic["line"] is Int && diagnostic["column"] is Int)
            #expect(diagnostic["code"] is String && diagnostic["severity"] is String)
        }
    }

    @Test func missingPathIsFatal() {
        let (terminal, _, _) = Terminal.capturing()
        let code = validate(
            ValidateOptions(paths: ["does-not-exist"], currentDirectory: repositoryRoot.path), terminal: terminal)
        #expect(code == CheckExit.fatal)
    }
}
