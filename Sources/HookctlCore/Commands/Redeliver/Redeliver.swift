public import Foundation
import Store
public import StoreSelection
import WebhookModel

/// What `hookctl redeliver` queues again: one invocation's event, or every matching invocation's.
public struct RedeliverOptions: Sendable {
    /// An invocation id (`inv_…`), as `hookctl history` lists them.
    public var invocationID: String?
    /// Else: the invocations of this webhook…
    public var webhook: String?
    /// …with this status (`success` or `failure`)…
    public var status: String?
    /// …started within this long (`24h`).
    public var since: String?
    public var store: String?
    public var currentDirectory: String?

    public init() {}
}

extension RedeliverOptions: StoreOptions {}

enum Redelivery {
    /// The most invocations one `redeliver --webhook` looks at.
    static let maxInvocations = 10_000
}

/// `hookctl redeliver`: queues an event again for a webhook, outside the automatic schedule, with trigger
/// `Redelivery` and the same `webhook-id`; a running runner sends it. 0 queued, 1 error, 2 bad usage.
public func redeliver(
    _ options: RedeliverOptions, terminal: Terminal, stores: StoreOpener = .standard, now: Date = Date()
) async -> Int32 {
    guard (options.invocationID == nil) != (options.webhook == nil) else {
        terminal.err.write("error: name one invocation id, or --webhook NAME (with --status and --since)\n")
        return StoreCommandExit.usage
    }
    guard
        let (status, since) = InvocationFilter.parse(
            status: options.status, since: options.since, now: now, terminal: terminal)
    else { return StoreCommandExit.usage }
    guard let opened = options.openStore(terminal, stores, mustExist: true) else { return StoreCommandExit.error }
    let store = opened.store
    var targets: [(event: String, webhook: String, from: String)] = []
    if let id = options.invocationID {
        guard let found = await StoreAccess.attempt(terminal, { try await store.invocation(id: id) }) else {
            return StoreCommandExit.error
        }
        guard let invocation = found else {
            terminal.err.write("error: no invocation with id \(id); hookctl history lists them\n")
            return StoreCommandExit.error
        }
        guard invocation.trigger != .test else {
            terminal.err.write("error: \(id) was a hookctl test; only delivered events can be redelivered\n")
            return StoreCommandExit.error
        }
        targets = [(invocation.eventID, invocation.webhook, id)]
    } else if let name = options.webhook {
        guard let snapshot = await StoreAccess.attempt(terminal, { try await store.snapshot() }) else {
            return StoreCommandExit.error
        }
        guard snapshot.webhooks[name] != nil else {
            terminal.err.write(
                "error: no live webhook named \"\(name)\" "
                    + LiveWebhookName.hint(for: name, among: snapshot.webhooks.keys) + "\n")
            return StoreCommandExit.error
        }
        let query = InvocationQuery(webhook: name, status: status, since: since, limit: Redelivery.maxInvocations)
        guard let found = await StoreAccess.attempt(terminal, { try await store.invocations(query) }) else {
            return StoreCommandExit.error
        }
        var seen: Set<String> = []
        for invocation in found where invocation.trigger != .test && seen.insert(invocation.eventID).inserted {
            targets.append((invocation.eventID, invocation.webhook, invocation.id))
        }
        if found.count == Redelivery.maxInvocations {
            terminal.err.write(
                "note: only the newest \(Redelivery.maxInvocations) matching invocations were looked at; run it again "
                    + "with a shorter --since for the older ones\n")
        }
    }
    guard !targets.isEmpty else {
        terminal.out.write("No matching invocations; nothing was queued.\n")
        return StoreCommandExit.done
    }
    for target in targets {
        guard
            let delivery = await StoreAccess.attempt(
                terminal, { try await store.redeliver(eventID: target.event, webhook: target.webhook, now: now) })
        else { return StoreCommandExit.error }
        terminal.out.write(
            "Queued \(delivery): event \(target.event) to \(target.webhook) again (from \(target.from)).\n")
    }
    return StoreCommandExit.done
}
