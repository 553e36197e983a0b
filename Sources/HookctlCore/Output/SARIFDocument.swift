import JSON
import TemplateLint
import WebhookModel

/// SARIF 2.1.0 for GitHub code scanning: the tool with every rule, and one result per finding.
enum SARIFDocument {
    static let version = "0.1.0"

    static func make(_ diagnostics: [Diagnostic]) -> JSONValue {
        let rules = LintRule.validation + LintRule.all
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let results: [JSONValue] = diagnostics.map { diagnostic in
            var members: [(key: String, value: JSONValue)] = [
                ("ruleId", .string(diagnostic.code)),
                ("level", .string(level(diagnostic.severity))),
                ("message", ["text": .string(([diagnostic.message] + diagnostic.notes).joined(separator: "\n"))]),
            ]
            if let ruleIndex = index[diagnostic.code] { members.append(("ruleIndex", .number(Double(ruleIndex)))) }
            if let location = diagnostic.location {
                let physical: JSONValue = [
                    "artifactLocation": ["uri": .string(location.file), "uriBaseId": "%SRCROOT%"],
                    "region": [
                        "startLine": .number(Double(location.line)), "startColumn": .number(Double(location.column)),
                    ],
                ]
                members.append(("locations", [["physicalLocation": physical]]))
            }
            return .object(JSONObject(members: members))
        }
        let driver: JSONValue = [
            "name": "hookctl",
            "semanticVersion": .string(version),
            "informationUri": "https://hookctl.dev",
            "rules": .array(
                rules.map { rule in
                    [
                        "id": .string(rule.id),
                        "shortDescription": ["text": .string(rule.summary)],
                        "help": ["text": .string(rule.help)],
                        "defaultConfiguration": ["level": .string(level(rule.severity))],
                    ]
                }),
        ]
        return [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [["tool": ["driver": driver], "results": .array(results), "columnKind": "unicodeCodePoints"]],
        ]
    }

    private static func level(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }
}
