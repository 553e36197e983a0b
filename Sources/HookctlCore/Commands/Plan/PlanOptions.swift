/// What `hookctl plan` reads and how it reports.
public struct PlanOptions: Sendable {
    /// How a plan is printed.
    public enum Format: String, Sendable, CaseIterable {
        case text, json, markdown
    }

    /// Declaration files or folders; empty means `webhooks.d`.
    public var paths: [String]
    public var currentDirectory: String?
    /// `--store URL`; `nil` falls back to `HOOKCTL_STORE`, then `.hookctl/state.db`.
    public var store: String?
    /// `--set NAME`; `nil` derives the set id from the repository.
    public var setName: String?
    public var format: Format
    /// `--out FILE`: save the plan for `hookctl apply FILE`.
    public var out: String?
    /// `--detailed-exitcode`: 0 no changes, 1 error, 2 changes.
    public var detailedExitCode: Bool
    public var allowMassDelete: Bool
    /// `--allow-target HOST:PORT` entries (plus `HOOKCTL_ALLOW_TARGETS`), exempt from the URL rules.
    public var allowTargets = AllowTargets()
    /// `--env-file FILE` (repeatable): `NAME=value` files for `${env:…}` references; the process environment wins.
    public var environmentFiles: [String] = []

    public init(
        paths: [String] = [], currentDirectory: String? = nil, store: String? = nil, setName: String? = nil,
        format: Format = .text, out: String? = nil, detailedExitCode: Bool = false, allowMassDelete: Bool = false
    ) {
        self.paths = paths
        self.currentDirectory = currentDirectory
        self.store = store
        self.setName = setName
        self.format = format
        self.out = out
        self.detailedExitCode = detailedExitCode
        self.allowMassDelete = allowMassDelete
    }
}
