import Store

/// Claimed deliveries not sent yet, prepared for their sends, by host (`DeliveryWorkers.hostKey`); first claimed
/// first sent within a host.
///
/// The workers look here after every finished send; keeping the deliveries by host makes that look cost one
/// dictionary lookup per host with room, not a pass over everything waiting (which, with a host at its limit and
/// hundreds claimed behind it, cost more than the sends).
struct WaitingDeliveries {
    private var byHost: [String: [ReadyDelivery]] = [:]
    /// Where each host's next delivery is in its array (taken ones are dropped in bulk, not one by one).
    private var heads: [String: Int] = [:]
    /// How many are waiting, over all hosts.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// The hosts that have deliveries waiting.
    var hosts: [String] { Array(byHost.keys) }

    /// How many are waiting for `host`.
    func count(host: String) -> Int {
        guard let items = byHost[host] else { return 0 }
        return items.count - heads[host, default: 0]
    }

    mutating func append(_ delivery: ReadyDelivery, host: String) {
        byHost[host, default: []].append(delivery)
        count += 1
    }

    /// Takes the first waiting delivery for `host`, if there is one.
    mutating func popFirst(host: String) -> ReadyDelivery? {
        guard let items = byHost[host] else { return nil }
        let head = heads[host, default: 0]
        let delivery = items[head]
        count -= 1
        if head + 1 == items.count {
            byHost[host] = nil
            heads[host] = nil
        } else if head + 1 >= 64, (head + 1) * 2 >= items.count {
            byHost[host]!.removeFirst(head + 1)
            heads[host] = 0
        } else {
            heads[host] = head + 1
        }
        return delivery
    }

    /// The ids of every waiting delivery (their leases are extended while they wait).
    var ids: [String] {
        var ids: [String] = []
        ids.reserveCapacity(count)
        for (host, items) in byHost { ids += items[heads[host, default: 0]...].map(\.id) }
        return ids
    }

    /// Drops the waiting deliveries in `lost` (another runner holds them now); returns how many were dropped.
    @discardableResult
    mutating func remove(_ lost: Set<String>) -> Int {
        guard !lost.isEmpty else { return 0 }
        let all = removeAll()
        for delivery in all where !lost.contains(delivery.id) {
            append(delivery, host: DeliveryWorkers.hostKey(delivery.claimed.webhook.webhook.url))
        }
        return all.count - count
    }

    /// Takes every waiting delivery.
    mutating func removeAll() -> [ReadyDelivery] {
        var all: [ReadyDelivery] = []
        all.reserveCapacity(count)
        for (host, items) in byHost { all += items[heads[host, default: 0]...] }
        byHost = [:]
        heads = [:]
        count = 0
        return all
    }
}
