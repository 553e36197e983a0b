import Declarations
import Foundation
import TemplateLint
import WebhookModel

/// What `hookctl lint` reads and how it reports.
public struct LintOptions: Sendable {
    public var paths: [String]
    public var format: OutputFormat
    /// Warnings fail the check too.
    public var strict: Bool
    public var currentDirectory: String?
    /// `--allow-target HOST:PORT` entries (plus `HOOKCTL_ALLOW_TARGETS`), exempt from the URL rules.
    public var allowTargets = AllowTargets()

    public init(
        paths: [String] = [], format: OutputFormat = .text, strict: Bool = false, currentDirectory: String? = nil
    ) {
        self.paths = paths
        self.format = format
        self.strict = strict
        self.currentDirectory = currentDirectory
    }
}

/// `hookctl lint`: everything `validate` checks, then each body against the event schema and the render proof.
public func lint(_ options: LintOptions, terminal: Terminal) -> Int32 {
    let base = options.currentDirectory ?? FileManager.default.currentDirectoryPath
    guard let allowList = options.allowTargets.allowList(terminal: terminal) else { return CheckExit.usage }
    let set = DeclarationLoader.load(paths: options.paths, currentDirectory: base, allowTargets: allowList.entries)
    let lint = Linter().lint(set) { file in
        FileManager.default.contents(atPath: AbsolutePath.resolve(file, against: base))
            .map { String(decoding: $0, as: UTF8.self) }
    }
    let report = FindingsReport(
        diagnostics: lint.diagnostics, files: set.files.count, webhooks: set.declarations.count,
        extra: [
            ("templates", lint.templatesChecked, "template"),
            ("events_rendered", lint.payloadsRendered, "rendered event"),
        ],
        strict: options.strict, sensitiveSpans: set.sensitiveSpans)
    report.print(options.format, terminal: terminal, base: base)
    if set.isFatal { return CheckExit.fatal }
    return report.failed ? CheckExit.findings : CheckExit.clean
}
