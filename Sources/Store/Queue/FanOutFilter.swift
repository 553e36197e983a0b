public import WebhookModel

/// Decides at fan-out whether an event passes a webhook's filter. The store knows which webhooks subscribe and
/// which have a filter; whoever parsed the event knows what is in it (the intake passes AccessEvents'
/// `Filter.matches` over the event it validated). The store asks only about webhooks that have a filter.
public struct FanOutFilter: Sendable {
    private let passes: @Sendable (_ event: AcceptedEvent, _ filter: Filter) -> Bool

    public init(_ passes: @escaping @Sendable (_ event: AcceptedEvent, _ filter: Filter) -> Bool) {
        self.passes = passes
    }

    /// Whether `event` passes `filter`.
    public func admits(_ event: AcceptedEvent, _ filter: Filter) -> Bool { passes(event, filter) }

    /// Splits an event's subscribers into those it goes to and the names of those whose filter kept it out, in
    /// order: what every store's fan-out does with the subscribers it selected.
    public func split<Target>(
        _ subscribers: [Target], for event: AcceptedEvent, filter: (Target) -> Filter?, name: (Target) -> String
    ) -> (admitted: [Target], filteredOut: [String]) {
        var filteredOut: [String] = []
        let admitted = subscribers.filter { target in
            guard let webhookFilter = filter(target), !admits(event, webhookFilter) else { return true }
            filteredOut.append(name(target))
            return false
        }
        return (admitted, filteredOut)
    }

    /// Admits no event to a webhook that has a filter: for callers that cannot read events, so a filter never lets
    /// through what it was written to keep out.
    public static let unfilteredOnly = FanOutFilter { _, _ in false }
}
