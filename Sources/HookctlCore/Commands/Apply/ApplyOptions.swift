/// What `hookctl apply` applies and how it asks.
public struct ApplyOptions: Sendable {
    /// A saved plan to apply exactly; `nil` plans first (from `paths`) and asks.
    public var planFile: String?
    public var paths: [String]
    public var currentDirectory: String?
    public var store: String?
    public var setName: String?
    public var autoApprove: Bool
    public var allowMassDelete: Bool
    /// `--allow-target HOST:PORT` entries (plus `HOOKCTL_ALLOW_TARGETS`), exempt from the URL rules.
    public var allowTargets = AllowTargets()
    /// `--env-file FILE` (repeatable): `NAME=value` files for `${env:…}` references; the process environment wins.
    public var environmentFiles: [String] = []
    /// Reads the answer to the confirmation prompt; injected for tests.
    public var readAnswer: @Sendable () -> String?

    public init(
        planFile: String? = nil, paths: [String] = [], currentDirectory: String? = nil, store: String? = nil,
        setName: String? = nil, autoApprove: Bool = false, allowMassDelete: Bool = false,
        readAnswer: @escaping @Sendable () -> String? = { readLine() }
    ) {
        self.planFile = planFile
        self.paths = paths
        self.currentDirectory = currentDirectory
        self.store = store
        self.setName = setName
        self.autoApprove = autoApprove
        self.allowMassDelete = allowMassDelete
        self.readAnswer = readAnswer
    }
}
