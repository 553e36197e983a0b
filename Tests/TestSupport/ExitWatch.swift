public import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Learns when a child process exits by asking the kernel (`waitpid`), and keeps its status.
///
/// Foundation's `Process` on Linux learns of an exit when a socket it shares with the child closes, and every
/// descendant inherits that socket: a PostgreSQL server started by a script the tests ran (`pg_ctl` as root, through
/// `runuser`) keeps it open, so `isRunning` stays true for a child long gone (seen as a `<defunct>` script, and as a
/// runner "still running" after its clean exit while a restarted server lived), and `terminationStatus` then traps.
public final class ExitWatch: Sendable {
    private let process: Process
    private let status = Mutex<Int32?>(nil)

    public init(_ process: Process) { self.process = process }

    /// The exit status once the process has exited (128 + N for a signal N), else `nil`.
    public var exitStatus: Int32? {
        status.withLock { status in
            if let status { return status }
            var raw: Int32 = 0
            let reaped = waitpid(process.processIdentifier, &raw, WNOHANG)
            if reaped == process.processIdentifier {
                // WIFEXITED / WEXITSTATUS and WTERMSIG, which Glibc's macros do not bring to Swift.
                status = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
            } else if reaped == -1, !process.isRunning {
                // Foundation reaped it first.
                status = process.terminationStatus
            }
            return status
        }
    }

    public var hasExited: Bool { exitStatus != nil }
}
