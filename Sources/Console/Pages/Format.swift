import Foundation
import Store

/// How times, rates and hosts read on the pages.
enum Format {
    /// `2026-12-01 12:30:05 UTC`.
    static func time(_ date: Date) -> String {
        let text = iso8601.format(date)  // 2026-12-01T12:30:05Z
        return text.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
    }

    /// A value type (unlike `DateFormatter`), so one is shared by every row of a 1,000-row page.
    private static let iso8601 = Date.ISO8601FormatStyle()

    /// `97.5%`, or `–` when there were no attempts.
    static func rate(_ rate: Double?) -> String {
        guard let rate else { return "–" }
        return String(format: "%.1f%%", rate * 100)
    }

    /// The host (and port) of a webhook's URL, or the URL as written when it has none.
    static func host(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            return url
        }
        return components.port.map { "\(host):\($0)" } ?? host
    }

    /// The percent-encoded path segment of a webhook name or an invocation id.
    static func segment(_ text: String) -> String { FormFields.encode(text) }

    static func status(_ status: Invocation.Status) -> HTML {
        "<span class=\"status-\(status.rawValue)\">\(status.rawValue)</span>"
    }
}
