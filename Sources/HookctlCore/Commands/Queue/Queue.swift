public import Foundation
import Store
public import StoreSelection

/// `hookctl queue`: per webhook, the deliveries pending, due and in flight, the oldest due one, the run of
/// consecutive failures, and whether the webhook is active. 0 on success, 1 on error.
public func showQueue(
    _ options: StoreCommandOptions, terminal: Terminal, stores: StoreOpener = .standard, now: Date = Date()
) async -> Int32 {
    guard let opened = options.openStore(terminal, stores, mustExist: true),
        let summary = await StoreAccess.attempt(terminal, { try await opened.store.queueSummary(now: now) }),
        let snapshot = await StoreAccess.attempt(terminal, { try await opened.store.snapshot() })
    else { return StoreCommandExit.error }
    var rows = Dictionary(uniqueKeysWithValues: summary.rows.map { ($0.webhook, $0) })
    for name in snapshot.webhooks.keys where rows[name] == nil { rows[name] = QueueSummary.Row(webhook: name) }
    let formatter = ISO8601DateFormatter()
    let table = rows.values.sorted { $0.webhook < $1.webhook }.map { row -> [String] in
        let live = snapshot.webhooks[row.webhook]
        let state =
            live == nil
            ? "deleted"
            : live!.state.webhook.active
                ? "● active"
                : live!.driftedFields.contains("active")
                    ? "○ disabled (outside apply)" : "○ inactive"
        return [
            row.webhook, state, String(row.pending), String(row.due), String(row.inFlight),
            row.oldestDueAt.map { formatter.string(from: $0) } ?? "-",
            row.consecutiveFailures == 0
                ? "0"
                : "\(row.consecutiveFailures) since \(row.failingSince.map { formatter.string(from: $0) } ?? "?")",
        ]
    }
    guard !table.isEmpty else {
        terminal.out.write("No webhooks and nothing queued.\n")
        return StoreCommandExit.done
    }
    terminal.out.write(
        TextTable.render(
            header: ["WEBHOOK", "STATE", "PENDING", "DUE", "IN FLIGHT", "OLDEST DUE", "CONSECUTIVE FAILURES"],
            rows: table))
    return StoreCommandExit.done
}
