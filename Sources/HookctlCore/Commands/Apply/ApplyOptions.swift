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

/// Exit codes of `hookctl apply`, one per outcome so CI can tell them apart.
public enum ApplyExit {
    /// The plan was applied.
    public static let applied: Int32 = 0
    /// Anything else went wrong: unreadable declarations or plan file, missing secrets, store errors, no terminal
    /// to confirm on without `--auto-approve`.
    public static let error: Int32 = 1
    /// The live webhooks already match; nothing was written.
    public static let nothingToDo: Int32 = 2
    /// The store moved since the plan file was made.
    public static let stalePlan: Int32 = 3
    /// Another apply holds the lock.
    public static let lockHeld: Int32 = 4
    /// The user answered no.
    public static let declined: Int32 = 5

    /// The `--help` text listing them.
    public static let help = """
        Exit codes: 0 applied, 1 error, 2 nothing to do (already up to date), 3 stale plan (the store moved since \
        the plan file was made), 4 lock held by another apply, 5 declined at the prompt.
        """
}
