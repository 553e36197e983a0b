import Declarations
import Foundation
import TemplateLint
import TestSupport
import WebhookModel

/// The lint corpus under `Fixtures/good` and `Fixtures/bad`, and a way to lint one of its cases in a fresh workspace.
enum LintCorpus {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The `*.yaml` file names in `good` or `bad`, sorted.
    static func cases(_ kind: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(kind).path))
        return (names ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// What a bad case expects: one finding per `# expect: RULE [message part]` line, at marker 1️⃣, 2️⃣, … in turn.
    struct Expectation: Equatable {
        var rule: String
        var messagePart: String?
        var location: SourceLocation?
    }

    /// A case written into a workspace, with its markers stripped (from the YAML file and the templates it uses).
    struct Linted {
        var report: LintReport
        var set: DeclarationSet
        var expectations: [Expectation]

        /// The findings, one per line, as `hookctl lint` prints their headers.
        var findings: String {
            report.diagnostics.map { diagnostic in
                let location = diagnostic.location.map { "\($0): " } ?? ""
                return "  \(location)\(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.code)]"
            }.joined(separator: "\n")
        }
    }

    /// Lints `webhooks.d/<file>` of corpus `kind` (with every template of `kind/templates`) alone.
    static func lint(_ kind: String, _ file: String) throws -> Linted {
        try lint(kind, [file])
    }

    /// Lints several files of corpus `kind` together in one `webhooks.d`.
    static func lint(_ kind: String, _ files: [String]) throws -> Linted {
        let workspace = try Workspace()
        let directory = fixtures.appendingPathComponent(kind)
        var markers: [String: [Int: (line: Int, column: Int)]] = [:]
        let templates = directory.appendingPathComponent("templates")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: templates.path)) ?? [] {
            let marked = MarkedText(try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8))
            try workspace.write("webhooks.d/templates/\(name)", marked.text)
            markers["templates/\(name)"] = marked.positions
        }
        var expectations: [Expectation] = []
        for file in files {
            let source = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let marked = MarkedText(source)
            try workspace.write("webhooks.d/\(file)", marked.text)
            var positions = marked.positions.mapValues {
                SourceLocation(file: "webhooks.d/\(file)", line: $0.line, column: $0.column)
            }
            for (template, found) in markers where source.contains("body_file: \(template)") {
                for (digit, position) in found {
                    positions[digit] = SourceLocation(
                        file: "webhooks.d/\(template)", line: position.line, column: position.column)
                }
            }
            let lines = source.split(separator: "\n").filter { $0.hasPrefix("# expect: ") }
            for (index, line) in lines.enumerated() {
                let words = line.dropFirst("# expect: ".count).split(separator: " ", maxSplits: 1)
                expectations.append(
                    Expectation(
                        rule: String(words[0]), messagePart: words.count > 1 ? String(words[1]) : nil,
                        location: positions[index + 1]))
            }
        }
        let set = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
        let report = Linter().lint(set) { file in
            try? String(contentsOf: workspace.root.appendingPathComponent(file), encoding: .utf8)
        }
        return Linted(report: report, set: set, expectations: expectations)
    }
}
