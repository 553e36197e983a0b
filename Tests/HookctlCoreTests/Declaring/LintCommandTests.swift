import Foundation
import HookctlCore
import TestSupport
import Testing

@Suite("hookctl lint")
struct LintCommandTests {
    /// Each folder under `Fixtures/lint/` is a working directory with a `webhooks.d`; its output in each format is the
    /// golden `<case>.<format>.out` beside it, ending with the exit code.
    static let cases = ["broken", "warnings-only", "many-errors"]

    private func run(
        _ name: String, format: OutputFormat = .text, strict: Bool = false, paths: [String] = []
    ) -> (code: Int32, out: String, err: String) {
        let directory = fixturesDirectory.appendingPathComponent("lint/\(name)").path
        let (terminal, out, err) = Terminal.capturing()
        let code = lint(
            LintOptions(paths: paths, format: format, strict: strict, currentDirectory: directory), terminal: terminal)
        return (code, out.text, err.text)
    }

    @Test(arguments: cases, [OutputFormat.text, .json, .github])
    func goldenOutput(name: String, format: OutputFormat) {
        let result = run(name, format: format)
        expectGolden(result.out + "exit: \(result.code)\n", "lint/\(name).\(format.rawValue).out")
        #expect(result.err.isEmpty)
    }

    @Test func exitCodes() {
        #expect(run("broken").code == CheckExit.findings)
        #expect(run("warnings-only").code == CheckExit.clean)
        #expect(run("warnings-only", strict: true).code == CheckExit.findings)
        #expect(run("broken", paths: ["does-not-exist"]).code == CheckExit.fatal)
        let (terminal, out, _) = Terminal.capturing()
        let code = lint(LintOptions(currentDirectory: repositoryRoot.path), terminal: terminal)
        #expect(code == CheckExit.clean, "the examples lint clean:\n\(out.text)")
        #expect(lint(LintOptions(strict: true, currentDirectory: repositoryRoot.path), terminal: terminal) == 0)
    }

    @Test func strictSaysWhyItFails() {
        let result = run("warnings-only", strict: true)
        #expect(
            result.out.hasSuffix(
                "✗ 0 errors and 1 warning in 1 file, 1 template, 18 rendered events (--strict: warnings fail).\n"))
    }

    @Test func githubShowsTenErrorAnnotationsAndCountsTheRest() {
        let lines = run("many-errors", format: .github).out.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("::error ") }.count == 10)
        #expect(lines.filter { $0.hasPrefix("::warning ") }.count == 1)
        let notice = lines.filter { $0.hasPrefix("::notice ") }
        #expect(notice.count == 1)
        #expect(notice.first?.contains("2 more errors and 0 more warnings") == true, "\(notice)")
        #expect(
            lines.filter { $0.hasPrefix("webhooks.d/typos.yaml:") && $0.contains("[template.unknown-field]") }.count
                == 2)
    }

    @Test func jsonSummaryCountsTemplatesAndRenderedEvents() throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run("broken", format: .json).out.utf8)) as? [String: Any])
        #expect(object["format_version"] as? String == "1")
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["templates"] as? Int == 3)
        #expect(summary["events_rendered"] as? Int == 4 * 9)
        #expect(summary["webhooks"] as? Int == 4)
    }
}
