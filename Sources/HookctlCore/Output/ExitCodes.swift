// Every command's exit codes, in one place: the commands return these constants and their `--help` texts print
// the tables, so the two cannot drift apart.

/// A command's exit codes and what each means, as its `--help` lists them.
public struct ExitTable: Sendable {
    public let rows: [(code: Int32, meaning: String)]

    init(_ rows: [(code: Int32, meaning: String)]) { self.rows = rows }

    /// `Exit codes: 0 …, 1 ….`, for a command's help text.
    public var help: String {
        "Exit codes: " + rows.map { "\($0.code) \($0.meaning)" }.joined(separator: ", ") + "."
    }
}

/// Exit codes of the checking commands (`validate`, `lint`), as actionlint uses them.
public enum CheckExit {
    /// No errors (warnings allowed unless `--strict`).
    public static let clean: Int32 = 0
    /// At least one finding that fails the check.
    public static let findings: Int32 = 1
    /// The command line was wrong.
    public static let usage: Int32 = 2
    /// Input could not be read at all.
    public static let fatal: Int32 = 3

    /// `validate`'s table, and `lint`'s with `strict`: only lint has `--strict`.
    public static func table(strict: Bool) -> ExitTable {
        ExitTable([
            (clean, strict ? "no errors (warnings allowed unless --strict)" : "no errors (warnings allowed)"),
            (findings, strict ? "errors found (with --strict, warnings too)" : "errors found"),
            (usage, "bad usage"), (fatal, "input could not be read"),
        ])
    }
}

/// Exit codes of `hookctl plan`, as Terraform's with `--detailed-exitcode`.
public enum PlanExit {
    public static let success: Int32 = 0
    public static let error: Int32 = 1
    /// Only with `--detailed-exitcode`: the plan has changes.
    public static let changes: Int32 = 2

    public static let table = ExitTable([
        (success, "success (with --detailed-exitcode: no changes)"), (error, "error"),
        (changes, "changes (with --detailed-exitcode only)"),
    ])
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

    public static let table = ExitTable([
        (applied, "applied"), (error, "error"), (nothingToDo, "nothing to do (already up to date)"),
        (stalePlan, "stale plan (the store moved since the plan file was made)"),
        (lockHeld, "lock held by another apply"), (declined, "declined at the prompt"),
    ])
}

/// Exit codes of `hookctl test`.
public enum TestExit {
    public static let success: Int32 = 0
    /// The receiver did not accept the request, or the test could not be sent.
    public static let failure: Int32 = 1
    public static let usage: Int32 = 2

    public static let table = ExitTable([
        (success, "the receiver answered 2xx"), (failure, "failure (any other answer, or nothing could be sent)"),
        (usage, "bad usage"),
    ])
}

/// Exit codes of `hookctl render`.
public enum RenderExit {
    public static let rendered: Int32 = 0
    /// The template, the context or the event is wrong, or rendering failed.
    public static let failed: Int32 = 1
    public static let usage: Int32 = 2

    public static let table = ExitTable([
        (rendered, "rendered"), (failed, "the template, context or event is wrong or rendering failed"),
        (usage, "bad usage"),
    ])
}

/// Exit codes of the commands that read or operate on the store (`list`, `enable`, `disable`, `log`, `export`,
/// `import`, `force-unlock`, `history`).
public enum StoreCommandExit {
    public static let done: Int32 = 0
    /// The store could not be opened, or the operation failed (no such webhook, no such lock…).
    public static let error: Int32 = 1
    public static let usage: Int32 = 2

    public static let table = ExitTable([
        (done, "done"), (error, "error (the store could not be opened, or the command failed; the message says why)"),
        (usage, "bad usage"),
    ])
}

/// Exit codes of `hookctl run`.
public enum RunExit {
    /// Stopped by SIGTERM or SIGINT after draining.
    public static let stopped: Int32 = 0
    /// The store could not be opened or the server could not start.
    public static let error: Int32 = 1
    public static let usage: Int32 = 2

    public static let table = ExitTable([
        (stopped, "stopped by SIGTERM or SIGINT"), (error, "the store or the intake could not start"),
        (usage, "bad usage"),
    ])
}
