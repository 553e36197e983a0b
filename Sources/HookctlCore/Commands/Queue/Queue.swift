public import Foundation
import JSON
import Store
public import StoreSelection

/// `hookctl queue`: per webhook, the deliveries pending, due and in flight, the oldest due one, the run of
/// consecutive failures, and whether the webhook is active; as a table or versioned JSON. 0 on success, 1 on error.
public func showQueue(
    _ options: StoreCommandOptions, format: ListingFormat = .text, terminal: Terminal,
    stores: StoreOpener = .standard, now: Date = Date()
) async -> Int32 {
    guard let opened = options.openStore(terminal, stores, mustExist: true),
        let summary = await StoreAccess.attempt(terminal, { try await opened.store.queueSummary(now: now) }),
        let snapshot = await StoreAccess.attempt(terminal, { try await opened.store.snapshot() })
    else { return StoreCommandExit.error }
    var rows = Dictionary(uniqueKeysWithValues: summary.rows.map { ($0.webhook, $0) })
    for name in snapshot.webhooks.keys where rows[name] == nil { rows[name] = QueueSummary.Row(webhook: name) }
    let formatter = ISO8601DateFormatter()
    let sorted = rows.values.sorted { $0.webhook < $1.webhook }
    func state(_ name: String) -> QueueState {
        guard let live = snapshot.webhooks[name] else { return .deleted }
        if live.state.webhook.active { return .active }
        return live.driftedFields.contains("active") ? .disabled : .inactive
    }
    if format == .json {
        let items = sorted.map { row -> JSONValue in
            func time(_ date: Date?) -> JSONValue { date.map { .string(formatter.string(from: $0)) } ?? .null }
            return .object(
                JSONObject(members: [
                    ("webhook", .string(row.webhook)), ("state", .string(state(row.webhook).rawValue)),
                    ("pending", .number(Double(row.pending))), ("due", .number(Double(row.due))),
                    ("in_flight", .number(Double(row.inFlight))), ("oldest_due_at", time(row.oldestDueAt)),
                    ("consecutive_failures", .number(Double(row.consecutiveFailures))),
                    ("failing_since", time(row.failingSince)),
                    ("disabled_reason", snapshot.webhooks[row.webhook]?.disabledReason.map { .string($0) } ?? .null),
                ]))
        }
        terminal.out.write(
            JSONValue.object(JSONObject(members: [("format_version", .string("1")), ("webhooks", .array(items))]))
                .jsonText + "\n")
        return StoreCommandExit.done
    }
    let table = sorted.map { row -> [String] in
        let state =
            switch state(row.webhook) {
            case .deleted: "deleted"
            case .active: "● active"
            case .disabled:
                snapshot.webhooks[row.webhook]?.disabledReason == nil
                    ? "○ disabled (outside apply)" : "○ disabled by the runner"
            case .inactive: "○ inactive"
            }
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
    // Why, under the table, so a long reason does not widen it.
    for row in sorted where state(row.webhook) == .disabled {
        guard let reason = snapshot.webhooks[row.webhook]?.disabledReason else { continue }
        terminal.out.write(
            "\n\(row.webhook) was disabled by the runner: \(reason). Once its receiver is fixed: hookctl enable "
                + "\(row.webhook)\n")
    }
    return StoreCommandExit.done
}

/// A webhook's state as `queue` shows it: `disabled` is turned off outside apply (by `hookctl disable`, or by the
/// runner after a 410 or a long run of failures, which says why); `deleted` has deliveries left but no live webhook.
private enum QueueState: String {
    case active, inactive, disabled, deleted
}
