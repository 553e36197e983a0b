/// Where `hookctl init` scaffolds and which action its workflow uses.
public struct InitOptions: Sendable {
    /// The repository folder (`DIR`, default the current directory); created when missing.
    public var directory = "."
    /// `uses:` of the workflow's steps (`--action`, default `OWNER/hookctl@v0`).
    public var action: String?
    public var currentDirectory: String?

    public init() {}
}

/// Exit codes of `hookctl init`.
public enum InitExit {
    /// Everything missing was written; what was there is left alone.
    public static let done: Int32 = 0
    /// A file could not be written.
    public static let error: Int32 = 1

    public static let table = ExitTable([
        (done, "done: missing files written, existing ones left alone"), (error, "a file could not be written"),
    ])
}
