import Foundation

/// A test-only pause inside the apply transaction, so a test can SIGKILL a real `hookctl apply` mid-transaction.
///
/// Active only when `HOOKCTL_TEST_PAUSE_BEFORE_COMMIT` names a file: the hook creates it, then sleeps.
public enum ApplyTestHook {
    public static let variable = "HOOKCTL_TEST_PAUSE_BEFORE_COMMIT"

    public static func beforeCommit(environment: [String: String]) -> (@Sendable () -> Void)? {
        guard let marker = environment[variable], !marker.isEmpty else { return nil }
        return {
            _ = FileManager.default.createFile(atPath: marker, contents: Data("paused\n".utf8))
            Thread.sleep(forTimeInterval: 60)
        }
    }
}
