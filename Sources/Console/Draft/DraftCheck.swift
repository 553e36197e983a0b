import AccessEvents
import Declarations
import Foundation
import Handlebars
import JSON
import TemplateLint
import WebhookModel

/// Checks a draft exactly as `hookctl lint` checks a file: the YAML is written to a private temporary folder (mode
/// 0700, the file 0600: a draft may hold a literal credential; never the store, never webhooks.d), loaded and validated by `DeclarationLoader`, linted by `Linter`, and removed; each
/// finding is placed at the form field its line came from. The body is previewed over each chosen trigger's sample.
struct DraftCheck: Sendable {
    struct Preview: Sendable, Hashable {
        var trigger: String
        var body: String
        var failed: Bool
    }

    var yaml: DraftYAML
    var findings: [DraftFinding]
    var previews: [Preview]

    /// Whether `hookctl validate` and `lint` would pass it (no error).
    var isValid: Bool { !findings.contains { $0.severity == "error" } }

    static let shownFile = "webhooks.d/draft.yaml"

    init(_ form: DraftForm, allowTargets: Set<String>) {
        yaml = DraftYAML(form)
        var findings = yaml.unreadableHeaders.map { line in
            DraftFinding(
                field: "headers", severity: "error", code: "console.header-line",
                message: "headers line \(line) is not \"Name: value\"",
                notes: ["one header per line, e.g. X-Team: access"])
        }
        findings += Self.lint(yaml, allowTargets: allowTargets)
        self.findings = findings
        previews = Self.previews(form)
    }

    static func lint(_ yaml: DraftYAML, allowTargets: Set<String>) -> [DraftFinding] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hookctl-draft-" + UUID().uuidString)
        let folder = root.appendingPathComponent("webhooks.d")
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            let owner: [FileAttributeKey: Any] = [.posixPermissions: 0o700]
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: false, attributes: owner)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: owner)
            let file = folder.appendingPathComponent("draft.yaml").path
            guard
                FileManager.default.createFile(
                    atPath: file, contents: Data(yaml.text.utf8), attributes: [.posixPermissions: 0o600])
            else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file]) }
        } catch {
            return [
                DraftFinding(
                    field: "form", severity: "error", code: "console.draft-unchecked",
                    message: "the draft could not be checked: \(error.localizedDescription)", notes: [])
            ]
        }
        let set = DeclarationLoader.load(paths: [shownFile], currentDirectory: root.path, allowTargets: allowTargets)
        let report = Linter().lint(set) { _ in yaml.text }
        return report.diagnostics.map { finding(for: $0, yaml: yaml) }
    }

    static func finding(for diagnostic: Diagnostic, yaml: DraftYAML) -> DraftFinding {
        var field = "form"
        var bodyLine: Int?
        if let location = diagnostic.location {
            if location.line == 1, location.column == 1 {
                field = guessField(diagnostic.message)
            } else if let known = yaml.fields[location.line] {
                field = known
                if known == "body", location.line > yaml.bodyLine { bodyLine = location.line - yaml.bodyLine }
            }
        }
        return DraftFinding(
            field: field, bodyLine: bodyLine, severity: diagnostic.severity.rawValue, code: diagnostic.code,
            message: diagnostic.message, notes: diagnostic.notes)
    }

    /// A finding about the document as a whole names the key it misses.
    static func guessField(_ message: String) -> String {
        for (word, field) in [
            ("trigger", "trigger"), ("url", "url"), ("method", "method"), ("body", "body"), ("name", "name"),
        ] where message.contains("\"\(word)") || message.contains(" \(word)") {
            return field
        }
        return "form"
    }

    static func previews(_ form: DraftForm) -> [Preview] {
        let triggers = form.triggers.compactMap { Trigger(rawValue: $0) }
        let template: Template
        do {
            template = try Template(form.body, escape: .json)
        } catch {
            return triggers.map {
                Preview(
                    trigger: $0.rawValue, body: "does not compile: \(error.line):\(error.column): \(error.message)",
                    failed: true)
            }
        }
        return triggers.map { trigger in
            do throws(TemplateError) {
                let text = try template.renderString(EventSamples.sample(for: trigger))
                let pretty = (try? JSONValue(parsing: text))?.prettyText(sortingKeys: false) ?? text
                return Preview(trigger: trigger.rawValue, body: pretty, failed: false)
            } catch {
                return Preview(
                    trigger: trigger.rawValue,
                    body: "rendering failed at \(error.line):\(error.column): \(error.message)",
                    failed: true)
            }
        }
    }

    /// The answer of `POST /draft/lint`.
    var json: JSONValue {
        var object = JSONObject()
        object["yaml"] = .string(yaml.text)
        object["valid"] = .bool(isValid)
        object["findings"] = .array(
            findings.map { finding in
                var item = JSONObject()
                item["field"] = .string(finding.field)
                item["line"] = finding.bodyLine.map { JSONValue.number(Double($0)) } ?? JSONValue.null
                item["severity"] = .string(finding.severity)
                item["code"] = .string(finding.code)
                item["text"] = .string(finding.text)
                return .object(item)
            })
        object["previews"] = .array(
            previews.map { preview in
                var item = JSONObject()
                item["trigger"] = .string(preview.trigger)
                item["body"] = .string(preview.body)
                return .object(item)
            })
        return .object(object)
    }
}
