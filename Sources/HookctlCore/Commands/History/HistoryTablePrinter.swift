import Foundation
import Store

/// The `hookctl history` table: time, id, webhook, trigger, attempt, status, HTTP status, duration.
enum HistoryTablePrinter {
    static func text(_ invocations: [Invocation]) -> String {
        guard !invocations.isEmpty else { return "No invocations.\n" }
        let formatter = ISO8601DateFormatter()
        let rows = invocations.map { invocation in
            [
                formatter.string(from: invocation.startedAt), invocation.id, invocation.webhook,
                invocation.trigger.rawValue, String(invocation.attempt), invocation.status.rawValue,
                invocation.response.map { String($0.status) } ?? "-", "\(invocation.durationMilliseconds) ms",
                invocation.failureReason ?? "",
            ]
        }
        return TextTable.render(
            header: ["TIME", "ID", "WEBHOOK", "TRIGGER", "ATTEMPT", "STATUS", "HTTP", "DURATION", "REASON"], rows: rows)
    }
}
