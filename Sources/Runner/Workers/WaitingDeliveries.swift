import Store

/// Claimed deliveries not sent yet, prepared for their sends, by host (`WorkerLoop.hostKey`); first claimed
/// first sent within a host.
///
/// The workers look here after every finished send; keeping the deliveries by host makes that look cost one
/// dictionary lookup per host with room, not a pass over everything waiting (which, with a host at its limit and
/// hundreds claimed behind it, cost more than the sends).
struct WaitingDeliveries {
    /// One host's deliveries: those before `head` are taken (dropped in bulk, not one by one).
    private struct Line {
        var items: [ReadyDelivery]
        var head = 0

        var count: Int { items.count - head }

        /// Takes the first; the array is compacted in place once most of it is taken.
        mutating func popFirst() -> ReadyDelivery {
            let delivery = items[head]
            head += 1
            if head >= 64, head * 2 >= items.count {
                items.removeFirst(head)
                head = 0
            }
            return delivery
        }
    }

    private var byHost: [String: Line] = [:]
    /// How many are waiting, over all hosts.
    private(set) var count = 0
    /// How many of them are retries (the retry lane's share of the concurrency counts them with its sends).
    private(set) var retries = 0

    var isEmpty: Bool { count == 0 }

    /// The hosts that have deliveries waiting.
    var hosts: [String] { Array(byHost.keys) }

    /// How many are waiting for `host`.
    func count(host: String) -> Int { byHost[host]?.count ?? 0 }

    mutating func append(_ delivery: ReadyDelivery, host: String) {
        byHost[host, default: Line(items: [])].items.append(delivery)
        count += 1
        if delivery.claimed.delivery.lane == .retry { retries += 1 }
    }

    /// Takes the first waiting delivery for `host`, if there is one.
    mutating func popFirst(host: String) -> ReadyDelivery? {
        // Mutated where it is kept: a copy of the line taken out first would make its compaction copy the array.
        guard let delivery = byHost[host]?.popFirst() else { return nil }
        count -= 1
        if delivery.claimed.delivery.lane == .retry { retries -= 1 }
        if byHost[host]?.count == 0 { byHost[host] = nil }
        return delivery
    }

    /// The ids of every waiting delivery (their leases are extended while they wait).
    var ids: [String] {
        var ids: [String] = []
        ids.reserveCapacity(count)
        for line in byHost.values { ids += line.items[line.head...].map(\.id) }
        return ids
    }

    /// Drops the waiting deliveries in `lost` (claimed again since their leases ended); returns how many were dropped.
    @discardableResult
    mutating func remove(_ lost: Set<String>) -> Int {
        guard !lost.isEmpty else { return 0 }
        let all = removeAll()
        for delivery in all where !lost.contains(delivery.id) {
            append(delivery, host: WorkerLoop.hostKey(delivery.claimed.webhook.webhook.url))
        }
        return all.count - count
    }

    /// Takes every waiting delivery.
    mutating func removeAll() -> [ReadyDelivery] {
        var all: [ReadyDelivery] = []
        all.reserveCapacity(count)
        for line in byHost.values { all += line.items[line.head...] }
        byHost = [:]
        count = 0
        retries = 0
        return all
    }
}
