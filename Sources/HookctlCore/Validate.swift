import Declarations
import Foundation
import WebhookModel

/// What `hookctl validate` reads and how it reports.
public struct ValidateOptions: Sendable {
    public var paths: [String]
    public var format: DiagnosticPrinter.Format
    public var currentDirectory: String?

    public init(paths: [String] = [], format: DiagnosticPrinter.Format = .text, currentDirectory: String? = nil) {
        self.paths = paths
        self.format = format
        self.currentDirectory = currentDirectory
    }
}

/// `hookctl validate`: checks every declaration file and prints every finding. Returns the exit code.
public func validate(_ options: ValidateOptions, console: Console) -> Int32 {
    let set = DeclarationLoader.load(paths: options.paths, currentDirectory: options.currentDirectory)
    let base = options.currentDirectory ?? FileManager.default.currentDirectoryPath
    report(set, format: options.format, console: console, base: base)
    if set.isFatal { return CheckExit.fatal }
    return set.hasErrors ? CheckExit.findings : CheckExit.clean
}

/// Prints a set's findings and a summary in the chosen format.
func report(_ set: DeclarationSet, format: DiagnosticPrinter.Format, console: Console, base: String) {
    let errors = set.diagnostics.filter { $0.severity == .error }.count
    let warnings = set.diagnostics.filter { $0.severity == .warning }.count
    switch format {
    case .text:
        var printer = DiagnosticPrinter { file in
            DiagnosticPrinter.readLines(
                URL(fileURLWithPath: file, relativeTo: URL(fileURLWithPath: base, isDirectory: true)).path)
        }
        console.out.write(printer.text(set.diagnostics))
        console.out.write(summary(set, errors: errors, warnings: warnings) + "\n")
    case .github:
        for diagnostic in set.diagnostics { console.out.write(DiagnosticPrinter.github(diagnostic)) }
        console.out.write(summary(set, errors: errors, warnings: warnings) + "\n")
    case .json:
        let document: [String: Any] = [
            "format_version": "1",
            "diagnostics": set.diagnostics.map(DiagnosticPrinter.jsonObject),
            "summary": [
                "errors": errors, "warnings": warnings, "files": set.files.count, "webhooks": set.declarations.count,
            ],
        ]
        let data =
            (try? JSONSerialization.data(
                withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        console.out.write(String(decoding: data, as: UTF8.self) + "\n")
    }
}

private func summary(_ set: DeclarationSet, errors: Int, warnings: Int) -> String {
    func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    let files = count(set.files.count, "file")
    if errors == 0 {
        let webhooks = count(set.declarations.count, "webhook")
        return warnings == 0
            ? "✓ \(webhooks) in \(files): valid."
            : "✓ \(webhooks) in \(files): valid, with \(count(warnings, "warning"))."
    }
    return "✗ \(count(errors, "error")) and \(count(warnings, "warning")) in \(files)."
}
