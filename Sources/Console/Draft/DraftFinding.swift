/// One finding about a draft, placed at the form field it concerns.
struct DraftFinding: Sendable, Hashable {
    /// The form field (`name`, `url`, `headers`, `authorization`, `trigger`, `body`, …), or `form`.
    var field: String
    /// The line within the body template, for a finding inside it.
    var bodyLine: Int?
    var severity: String
    var code: String
    var message: String
    var notes: [String]

    /// `error: unknown field "data.requster" (body line 2) [template.unknown-field]` and its first hint.
    var text: String {
        let at = bodyLine.map { " (body line \($0))" } ?? ""
        let hint = notes.first.map { " — \($0)" } ?? ""
        return "\(severity): \(message)\(at)\(hint) [\(code)]"
    }
}
