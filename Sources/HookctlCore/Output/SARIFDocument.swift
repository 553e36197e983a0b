import TemplateLint
import WebhookModel

/// SARIF 2.1.0 for GitHub code scanning: the tool with every rule, and one result per finding.
enum SARIFDocument {
    static let version = "0.1.0"

    static func make(_ diagnostics: [Diagnostic]) -> [String: Any] {
        let rules = LintRule.validation + LintRule.all
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let results: [[String: Any]] = diagnostics.map { diagnostic in
            var result: [String: Any] = [
                "ruleId": diagnostic.code,
                "level": level(diagnostic.severity),
                "message": ["text": ([diagnostic.message] + diagnostic.notes).joined(separator: "\n")],
            ]
            if let ruleIndex = index[diagnostic.code] { result["ruleIndex"] = ruleIndex }
            if let location = diagnostic.location {
                result["locations"] = [
                    [
                        "physicalLocation": [
                            "artifactLocation": ["uri": location.file, "uriBaseId": "%SRCROOT%"],
                            "region": ["startLine": location.line, "startColumn": location.column],
                        ]
                    ]
                ]
            }
            return result
        }
        let driver: [String: Any] = [
            "name": "hookctl",
            "semanticVersion": version,
            "informationUri": "https://hookctl.dev",
            "rules": rules.map { rule in
                [
                    "id": rule.id,
                    "shortDescription": ["text": rule.summary],
                    "help": ["text": rule.help],
                    "defaultConfiguration": ["level": level(rule.severity)],
                ] as [String: Any]
            },
        ]
        return [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [["tool": ["driver": driver], "results": results, "columnKind": "unicodeCodePoints"]],
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
