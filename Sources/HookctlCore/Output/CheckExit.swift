/// Exit codes shared by the checking commands (`validate`, `lint`), as actionlint uses them.
public enum CheckExit {
    /// No errors (warnings allowed unless `--strict`).
    public static let clean: Int32 = 0
    /// At least one finding that fails the check.
    public static let findings: Int32 = 1
    /// The command line was wrong.
    public static let usage: Int32 = 2
    /// Input could not be read at all.
    public static let fatal: Int32 = 3
}
