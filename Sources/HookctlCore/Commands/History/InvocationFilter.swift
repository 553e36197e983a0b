import Foundation
import Store
import WebhookModel

/// `--status` and `--since` as `history` and `redeliver` read them.
enum InvocationFilter {
    /// The status and the earliest start time, or `nil` after printing which flag is wrong and what it takes.
    static func parse(
        status: String?, since: String?, now: Date, terminal: Terminal
    ) -> (status: Invocation.Status?, since: Date?)? {
        var earliest: Date?
        if let text = since {
            guard let duration = DurationText.parse(text) else {
                terminal.err.write(
                    "error: --since \"\(text)\" is not a duration; write \(DurationText.acceptedForms)\n")
                return nil
            }
            earliest = now.addingTimeInterval(-duration.seconds)
        }
        var parsed: Invocation.Status?
        if let text = status {
            guard let match = Invocation.Status.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() })
            else {
                terminal.err.write("error: --status \"\(text)\" is neither success nor failure\n")
                return nil
            }
            parsed = match
        }
        return (parsed, earliest)
    }
}
