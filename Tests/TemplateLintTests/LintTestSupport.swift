import Declarations
import Foundation
import TemplateLint
import TestSupport
import Testing
import WebhookModel

/// Lints one webhook whose `body` (a `|` block, with optional 1️⃣ markers) is `body`, and returns the report and where
/// the markers were in `webhooks.d/a.yaml`.
func lintBody(
    _ body: String, escape: String = "json", triggers: String = "[Created]", extra: String = ""
) throws -> (report: LintReport, markers: [Int: WebhookModel.SourceLocation]) {
    let indented = body.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        .joined(separator: "\n")
    let yaml = """
        name: a
        method: POST
        url: https://a.example.com/x
        triggers: \(triggers)
        escape: \(escape)
        \(extra)body: |
        \(indented)

        """
    return try lintFiles(["webhooks.d/a.yaml": yaml])
}

/// Lints the given files (paths relative to the workspace, texts with optional markers) as one `webhooks.d`.
func lintFiles(_ files: [String: String]) throws -> (report: LintReport, markers: [Int: WebhookModel.SourceLocation]) {
    let workspace = try Workspace()
    var markers: [Int: WebhookModel.SourceLocation] = [:]
    for (path, text) in files {
        let marked = MarkedText(text)
        try workspace.write(path, marked.text)
        for (digit, position) in marked.positions {
            markers[digit] = WebhookModel.SourceLocation(file: path, line: position.line, column: position.column)
        }
    }
    let set = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
    #expect(!set.hasErrors, "the declarations should load: \(set.diagnostics)")
    let report = Linter().lint(set) { file in
        try? String(contentsOf: workspace.root.appendingPathComponent(file), encoding: .utf8)
    }
    return (report, markers)
}

/// Expects exactly the findings `expected` (rule ids, at markers 1️⃣, 2️⃣, … in turn) in `result`.
func expectFindings(
    _ expected: [String], in result: (report: LintReport, markers: [Int: WebhookModel.SourceLocation]),
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let want = expected.enumerated().map { "\(result.markers[$0.offset + 1].map { "\($0)" } ?? "?") [\($0.element)]" }
    let got = result.report.diagnostics.map { "\($0.location.map { "\($0)" } ?? "?") [\($0.code)]" }
    let shown = result.report.diagnostics.map { "\($0.location.map { "\($0)" } ?? "?"): \($0.message) [\($0.code)]" }
    #expect(
        got.sorted() == want.sorted(), "expected \(want), got:\n\(shown.joined(separator: "\n"))",
        sourceLocation: sourceLocation)
}
