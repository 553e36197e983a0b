import Foundation
import Store

/// The declaration a draft form produces, and which form field each of its lines came from (so a finding at a line
/// shows beside its field).
struct DraftYAML: Sendable, Hashable {
    /// The YAML to commit as `webhooks.d/NAME.yaml`.
    var text: String
    /// 1-based line → the form field it came from (`name`, `status`, `method`, `url`, `headers`, `authorization`,
    /// `trigger`, `body`).
    var fields: [Int: String]
    /// The line of `body:`; a body line's number within the template is its line minus this.
    var bodyLine: Int
    /// Header lines the form could not read (no `Name: value`), by their line in the textarea.
    var unreadableHeaders: [Int]

    init(_ form: DraftForm) {
        var lines: [(String, String)] = []
        lines.append(("name: \(ExportYAML.scalar(form.name))", "name"))
        lines.append(("active: \(form.active)", "status"))
        lines.append(("method: \(ExportYAML.scalar(form.method))", "method"))
        lines.append(("url: \(ExportYAML.scalar(form.url))", "url"))
        var unreadable: [Int] = []
        var headerLines: [String] = []
        for (index, raw) in form.headers.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty else { continue }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                unreadable.append(index + 1)
                continue
            }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headerLines.append("  \(ExportYAML.scalar(name)): \(ExportYAML.scalar(value, reference: true))")
        }
        if !headerLines.isEmpty {
            lines.append(("headers:", "headers"))
            lines += headerLines.map { ($0, "headers") }
        }
        let variable = form.variablePrefix
        let auth: [String]
        switch form.authorization {
        case "none": auth = []
        case "bearer": auth = ["auth:", "  type: bearer", "  token: ${env:\(variable)_TOKEN}"]
        case "basic":
            auth = [
                "auth:", "  type: basic", "  username: ${env:\(variable)_USERNAME}",
                "  password: ${env:\(variable)_PASSWORD}",
            ]
        case "api_key":
            auth = ["auth:", "  type: api_key", "  header: X-Api-Key", "  value: ${env:\(variable)_API_KEY}"]
        case "oauth2":
            auth = [
                "auth:", "  type: oauth2", "  token_url: https://auth.example.com/oauth/token",
                "  client_id: ${env:\(variable)_CLIENT_ID}", "  client_secret: ${env:\(variable)_CLIENT_SECRET}",
            ]
        default: auth = ["auth:", "  type: \(ExportYAML.scalar(form.authorization))"]
        }
        lines += auth.map { ($0, "authorization") }
        lines.append(("triggers: [\(form.triggers.map { ExportYAML.scalar($0) }.joined(separator: ", "))]", "trigger"))
        let bodyLine = lines.count + 1
        for line in ExportYAML.body(form.body).split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append((String(line), "body"))
        }
        text = lines.map(\.0).joined(separator: "\n") + "\n"
        var fields: [Int: String] = [:]
        for (index, line) in lines.enumerated() { fields[index + 1] = line.1 }
        self.fields = fields
        self.bodyLine = bodyLine
        unreadableHeaders = unreadable
    }
}
