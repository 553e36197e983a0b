import Declarations
import Foundation
import WebhookModel

/// What `hookctl validate` reads and how it reports.
public struct ValidateOptions: Sendable {
    public var paths: [String]
    public var format: OutputFormat
    public var currentDirectory: String?
    /// `--allow-target HOST:PORT` entries (plus `HOOKCTL_ALLOW_TARGETS`), exempt from the URL rules.
    public var allowTargets = AllowTargets()

    public init(paths: [String] = [], format: OutputFormat = .text, currentDirectory: String? = nil) {
        self.paths = paths
        self.format = format
        self.currentDirectory = currentDirectory
    }
}

/// `hookctl validate`: checks every declaration file and prints every finding. Returns the exit code.
public func validate(_ options: ValidateOptions, terminal: Terminal) -> Int32 {
    guard let allowList = options.allowTargets.allowList(terminal: terminal) else { return CheckExit.usage }
    let set = DeclarationLoader.load(
        paths: options.paths, currentDirectory: options.currentDirectory, allowTargets: allowList.entries)
    let base = options.currentDirectory ?? FileManager.default.currentDirectoryPath
    var report = FindingsReport(diagnostics: set.diagnostics, files: set.files.count, webhooks: set.declarations.count)
    report.sensitiveSpans = set.sensitiveSpans
    report.print(options.format, terminal: terminal, base: base)
    if set.isFatal { return CheckExit.fatal }
    return report.failed ? CheckExit.findings : CheckExit.clean
}
