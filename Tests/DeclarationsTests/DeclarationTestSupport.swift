import Declarations
import TestSupport
import Testing
import WebhookModel

/// A declaration that validates clean; tests change one thing at a time.
let validDeclaration = """
    name: jira-access-requests
    method: POST
    url: https://example.atlassian.net/rest/api/3/issue
    triggers: [Created, Approved]
    body: |
      {"summary": "{{data.requester.name}} requested access"}
    """

/// Loads `marked` as `webhooks.d/hooks.yaml` and returns the set.
func load(
    _ marked: MarkedText, file: String = "webhooks.d/hooks.yaml", in workspace: Workspace? = nil
) throws
    -> DeclarationSet
{
    let workspace = try workspace ?? Workspace()
    try workspace.write(file, marked.text)
    return DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
}

/// Expects exactly one finding with `code` (and `severity`), at marker 1️⃣ of `marked` in `file`; `marked` must have
/// the marker.
func expectFinding(
    _ code: String, _ severity: Diagnostic.Severity = .error, in marked: String, file: String = "webhooks.d/hooks.yaml",
    message: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    let text = MarkedText(marked)
    let expected = try #require(
        text.positions[1], "mark where the \(code) finding must point with 1️⃣", sourceLocation: sourceLocation)
    let set = try load(text, file: file)
    let matching = set.diagnostics.filter { $0.code == code }
    #expect(matching.count == 1, "expected one \(code), got \(set.diagnostics)", sourceLocation: sourceLocation)
    guard let finding = matching.first else { return }
    #expect(finding.severity == severity, sourceLocation: sourceLocation)
    #expect(finding.location?.file == file, sourceLocation: sourceLocation)
    #expect(finding.location?.line == expected.line, "line of \(finding)", sourceLocation: sourceLocation)
    #expect(finding.location?.column == expected.column, "column of \(finding)", sourceLocation: sourceLocation)
    if let message {
        #expect(finding.message.contains(message), "message was: \(finding.message)", sourceLocation: sourceLocation)
    }
    if severity == .error {
        #expect(set.hasErrors, sourceLocation: sourceLocation)
    }
}
