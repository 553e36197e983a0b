/// The record of past applies, written by `commit` and read by `hookctl log`.
public protocol ApplyLogStore: Sendable {
    /// The most recent entries first, at most `limit`.
    func applyLog(limit: Int) async throws(StoreError) -> [ApplyLogEntry]
}
