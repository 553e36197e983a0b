import Foundation
import Store

/// Prints one attempt completely — outcome, request and response — so a failing endpoint can be debugged without
/// any other tool. Secrets are already redacted in the record.
enum HistoryDetailPrinter {
    static func text(_ invocation: Invocation) -> String {
        var out = ""
        switch invocation.status {
        case .success:
            out += "✓ Success: HTTP \(invocation.response?.status ?? 0) in \(invocation.durationMilliseconds) ms\n"
        case .failure:
            out += "✗ Failure: \(invocation.failureReason ?? "unknown") (after \(invocation.durationMilliseconds) ms)\n"
        }
        out += "  id \(invocation.id) · webhook \(invocation.webhook) · trigger \(invocation.trigger.rawValue)"
        out += " · attempt \(invocation.attempt) · event \(invocation.eventID)\n"
        out += "  at \(ISO8601DateFormatter().string(from: invocation.startedAt))"
        out += " · address \(invocation.address ?? "none")\n\n"
        let request = invocation.request
        out += "> \(request.method) \(request.url)\n"
        for header in request.headers { out += "> \(header.name): \(header.value)\n" }
        out += ">\n" + body(request.body, prefix: "> ", truncated: false)
        out += "\n"
        guard let response = invocation.response else {
            return out + "< (no response)\n"
        }
        out += "< HTTP \(response.status)\n"
        for header in response.headers { out += "< \(header.name): \(header.value)\n" }
        out += "<\n" + body(response.body, prefix: "< ", truncated: response.truncated)
        return out
    }

    /// A body as prefixed lines, with a note when it is empty, not UTF-8, or truncated.
    static func body(_ bytes: [UInt8], prefix: String, truncated: Bool) -> String {
        var out = ""
        if bytes.isEmpty {
            out += "\(prefix)(empty body)\n"
        } else {
            let isUTF8 = String(validating: bytes, as: UTF8.self) != nil
            let text = String(decoding: bytes, as: UTF8.self)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count > 1, lines.last == "" { lines.removeLast() }  // a final newline is not an extra line
            for line in lines { out += prefix + line + "\n" }
            if !isUTF8 {
                out += "\(prefix)(\(bytes.count) bytes, not valid UTF-8: invalid bytes shown as U+FFFD)\n"
            }
        }
        if truncated {
            out += "\(prefix)(truncated: only the first \(InvocationResponse.maxBodyBytes / 1024) KiB were read)\n"
        }
        return out
    }
}
