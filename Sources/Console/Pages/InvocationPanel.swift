import JSON
import Store

/// The side panel of one invocation: the complete request and response, headers and pretty-printed bodies, as the
/// history recorded them (secrets already redacted) — what `hookctl history show` prints.
enum InvocationPanel {
    static func render(_ invocation: Invocation) -> HTML {
        let outcome: HTML
        switch invocation.status {
        case .success:
            outcome =
                "\(Format.status(.success)): HTTP \(invocation.response?.status ?? 0) in \(invocation.durationMilliseconds) ms"
        case .failure:
            outcome =
                "\(Format.status(.failure)): \(invocation.failureReason ?? "unknown") (after \(invocation.durationMilliseconds) ms)"
        }
        let request = invocation.request
        let response: HTML
        if let answer = invocation.response {
            let truncated: HTML =
                answer.truncated
                ? "<p class=\"muted\">Truncated: only the first \(InvocationResponse.maxBodyBytes / 1024) KiB were read.</p>"
                : ""
            response = """
                <p><strong>HTTP \(answer.status)</strong></p>
                \(headers(answer.headers))
                <pre class="body">\(body(answer.body))</pre>\(truncated)
                """
        } else {
            response = "<p class=\"muted\">No response: \(invocation.failureReason ?? "none arrived").</p>"
        }
        return """
            <div class="panel-head"><h2>Invocation</h2>\
            <button type="button" id="panel-close" aria-label="Close">×</button></div>
            <p id="panel-outcome">\(outcome)</p>
            <p class="muted">\(invocation.id) · webhook \(invocation.webhook) · trigger \(invocation.trigger.rawValue) · \
            attempt \(invocation.attempt) · event \(invocation.eventID)<br>at \(Format.time(invocation.startedAt)) · \
            address \(invocation.address ?? "none")</p>
            <section id="panel-request"><h3>Request</h3>
            <p><strong>\(request.method)</strong> \(request.url)</p>
            \(headers(request.headers))
            <pre class="body">\(body(request.body))</pre>
            </section>
            <section id="panel-response"><h3>Response</h3>
            \(response)
            </section>
            """
    }

    static func headers(_ headers: [InvocationHeader]) -> HTML {
        guard !headers.isEmpty else { return "<p class=\"muted\">No headers.</p>" }
        let rows = headers.map { "<tr><th>\($0.name)</th><td>\($0.value)</td></tr>" as HTML }
        return "<table class=\"headers\"><tbody>\(rows)</tbody></table>"
    }

    /// A JSON body indented; any other text as it is; an empty body said so.
    static func body(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "(empty body)" }
        if let value = try? JSONValue(parsing: bytes) { return value.prettyText(sortingKeys: false) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
