import Foundation
import JSON
import Store

/// Versioned JSON for `hookctl history --format json` and `history show --format json`.
enum HistoryJSONPrinter {
    /// The list; `next_before` (the cursor of the page after it) only when `next` is given.
    static func list(_ invocations: [Invocation], next: InvocationCursor? = nil) -> String {
        let object = JSONValue.object(
            JSONObject(
                members: [
                    ("format_version", .string("1")),
                    ("invocations", .array(invocations.map { summary($0) })),
                ] + (next.map { [("next_before", JSONValue.string($0.token))] } ?? [])))
        return object.jsonText + "\n"
    }

    static func detail(_ invocation: Invocation) -> String {
        var members = summaryMembers(invocation)
        members.append(
            (
                "request",
                .object(
                    JSONObject(members: [
                        ("method", .string(invocation.request.method)), ("url", .string(invocation.request.url)),
                        ("headers", headers(invocation.request.headers)), ("body", body(invocation.request.body)),
                    ]))
            ))
        if let response = invocation.response {
            members.append(
                (
                    "response",
                    .object(
                        JSONObject(members: [
                            ("status", .number(Double(response.status))), ("headers", headers(response.headers)),
                            ("body", body(response.body)), ("truncated", .bool(response.truncated)),
                        ]))
                ))
        } else {
            members.append(("response", .null))
        }
        return JSONValue.object(JSONObject(members: [("format_version", .string("1"))] + members)).jsonText + "\n"
    }

    private static func summary(_ invocation: Invocation) -> JSONValue {
        .object(JSONObject(members: summaryMembers(invocation)))
    }

    private static func summaryMembers(_ invocation: Invocation) -> [(key: String, value: JSONValue)] {
        [
            ("id", .string(invocation.id)), ("webhook", .string(invocation.webhook)),
            ("event_id", .string(invocation.eventID)), ("trigger", .string(invocation.trigger.rawValue)),
            ("attempt", .number(Double(invocation.attempt))),
            ("time", .string(ISO8601DateFormatter().string(from: invocation.startedAt))),
            ("duration_ms", .number(Double(invocation.durationMilliseconds))),
            ("address", invocation.address.map(JSONValue.string) ?? .null),
            ("status", .string(invocation.status.rawValue)),
            ("http_status", invocation.response.map { .number(Double($0.status)) } ?? .null),
            ("reason", invocation.failureReason.map(JSONValue.string) ?? .null),
        ]
    }

    private static func headers(_ headers: [InvocationHeader]) -> JSONValue {
        .array(
            headers.map { .object(JSONObject(members: [("name", .string($0.name)), ("value", .string($0.value))])) })
    }

    /// UTF-8 bodies as text; other bytes as `{"base64": …}`.
    private static func body(_ bytes: [UInt8]) -> JSONValue {
        if let text = String(validating: bytes, as: UTF8.self) { return .string(text) }
        return .object(JSONObject(members: [("base64", .string(Data(bytes).base64EncodedString()))]))
    }
}
