import Foundation
import JSON
import WebhookModel

/// Prints the findings of `validate` and `lint` in each output format, with a one-line summary.
struct FindingsReport {
    var diagnostics: [Diagnostic]
    var files: Int
    var webhooks: Int
    /// Extra figures for the summary and the JSON output (lint's templates and rendered events): the JSON key and
    /// the noun for the summary.
    var extra: [(key: String, value: Int, noun: String)] = []
    /// Whether warnings fail the check (`--strict`).
    var strict = false
    /// Where secrets are written in plain text; source excerpts hide them (`DeclarationSet.sensitiveSpans`).
    var sensitiveSpans: Set<SourceLocation> = []

    /// GitHub shows at most this many error and this many warning annotations per step.
    static let githubAnnotationLimit = 10

    var errors: Int { diagnostics.filter { $0.severity == .error }.count }
    var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }
    var failed: Bool { errors > 0 || (strict && warnings > 0) }

    func print(_ format: OutputFormat, terminal: Terminal, base: String) {
        switch format {
        case .text:
            var printer = DiagnosticPrinter(
                lines: { file in DiagnosticPrinter.readLines(AbsolutePath.resolve(file, against: base)) },
                hiding: sensitiveSpans)
            terminal.out.write(printer.text(diagnostics))
            terminal.out.write(summary + "\n")
        case .github:
            printGitHub(terminal: terminal)
        case .json:
            let counts =
                [("errors", errors), ("warnings", warnings), ("files", files), ("webhooks", webhooks)]
                + extra.map { ($0.key, $0.value) }
            let document: JSONValue = [
                "format_version": "1", "diagnostics": .array(diagnostics.map(DiagnosticPrinter.jsonObject)),
                "summary": .object(JSONObject(members: counts.map { (key: $0.0, value: .number(Double($0.1))) })),
            ]
            terminal.out.write(document.prettyText() + "\n")
        case .sarif:
            terminal.out.write(SARIFDocument.make(diagnostics).prettyText() + "\n")
        }
    }

    /// Errors first, then warnings, each capped at GitHub's limit; the rest are listed as plain log lines and counted.
    private func printGitHub(terminal: Terminal) {
        let ordered =
            diagnostics.filter { $0.severity == .error } + diagnostics.filter { $0.severity == .warning }
            + diagnostics.filter { $0.severity == .note }
        var shown: [Diagnostic.Severity: Int] = [:]
        var hidden: [Diagnostic] = []
        for diagnostic in ordered {
            if shown[diagnostic.severity, default: 0] < Self.githubAnnotationLimit {
                shown[diagnostic.severity, default: 0] += 1
                terminal.out.write(DiagnosticPrinter.github(diagnostic))
            } else {
                hidden.append(diagnostic)
            }
        }
        if !hidden.isEmpty {
            let hiddenErrors = hidden.filter { $0.severity == .error }.count
            let hiddenWarnings = hidden.count - hiddenErrors
            terminal.out.write(
                "::notice title=hookctl::\(hiddenErrors) more errors and \(hiddenWarnings) more warnings "
                    + "are not annotated (GitHub shows \(Self.githubAnnotationLimit) of each); they are listed below\n")
            for diagnostic in hidden {
                let location = diagnostic.location.map { "\($0): " } ?? ""
                terminal.out.write(
                    "\(location)\(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.code)]\n")
            }
        }
        terminal.out.write(summary + "\n")
    }

    var summary: String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let where_ = "in \(count(files, "file"))" + extra.map { ", " + count($0.value, $0.noun) }.joined()
        if !failed {
            let head = "✓ \(count(webhooks, "webhook")) \(where_): valid"
            return warnings == 0 ? head + "." : head + ", with \(count(warnings, "warning"))."
        }
        return "✗ \(count(errors, "error")) and \(count(warnings, "warning")) \(where_)"
            + (strict && errors == 0 ? " (--strict: warnings fail)." : ".")
    }
}

/// The output formats of `validate` and `lint` (`sarif` is lint's).
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, github, sarif
}
