/// Which of the deliveries a lease extension reports lost were claimed again once their leases ended (by another
/// runner, or by this one).
///
/// An extension covers what the runner holds when it starts, including attempts whose commit is under way or about
/// to start. The store reports as lost every id it no longer holds, and a delivery this runner's own commit just
/// finished is one of them: such ids were not claimed again, and are no reason for a warning. So the loop tells
/// this which ids its commits finished while the extension was out, and which are in the commit under way when the
/// answer comes (that commit may have landed first, its report not yet read).
struct LeaseLosses: Sendable {
    private var extending = false
    private var finishedMeanwhile: Set<String> = []

    /// An extension starts.
    mutating func extensionStarted() {
        extending = true
        finishedMeanwhile = []
    }

    /// A commit of this runner's finished `ids`.
    mutating func committed(_ ids: some Sequence<String>) {
        if extending { finishedMeanwhile.formUnion(ids) }
    }

    /// The extension came back with `lost`, while `committing` is the commit under way: the ids claimed again.
    mutating func claimedAgain(lost: Set<String>, committing: some Sequence<String>) -> Set<String> {
        defer {
            extending = false
            finishedMeanwhile = []
        }
        return lost.subtracting(finishedMeanwhile).subtracting(committing)
    }
}
