import Foundation
import JSON

extension Invocation {
    /// The stored JSON document of this attempt, written directly: the same members as its `Codable` form (keys
    /// sorted, dates as `JSONEncoder` writes them, bodies in base64), so `StoreCoding.decode` reads it back. The
    /// runner writes one per attempt, and `JSONEncoder` cost more than the rest of recording it.
    package var storeJSON: String {
        var out: [UInt8] = []
        out.reserveCapacity(
            512 + request.body.count * 4 / 3 + (response?.body.count ?? 0) * 4 / 3
                + (request.headers.count + (response?.headers.count ?? 0)) * 64)
        out.append(UInt8(ascii: "{"))
        if let address { Self.member("address", first: true, &out) { JSONWriter.appendQuoted(address, to: &$0) } }
        Self.member("attempt", first: address == nil, &out) { $0 += Array(String(attempt).utf8) }
        Self.member("durationMilliseconds", &out) { $0 += Array(String(durationMilliseconds).utf8) }
        Self.member("eventID", &out) { JSONWriter.appendQuoted(eventID, to: &$0) }
        if let failureReason { Self.member("failureReason", &out) { JSONWriter.appendQuoted(failureReason, to: &$0) } }
        Self.member("id", &out) { JSONWriter.appendQuoted(id, to: &$0) }
        Self.member("request", &out) { out in
            out.append(UInt8(ascii: "{"))
            Self.member("body_base64", first: true, &out) { Self.appendBase64(request.body, &$0) }
            Self.member("headers", &out) { Self.appendHeaders(request.headers, &$0) }
            Self.member("method", &out) { JSONWriter.appendQuoted(request.method, to: &$0) }
            Self.member("url", &out) { JSONWriter.appendQuoted(request.url, to: &$0) }
            out.append(UInt8(ascii: "}"))
        }
        if let response {
            Self.member("response", &out) { out in
                out.append(UInt8(ascii: "{"))
                Self.member("body_base64", first: true, &out) { Self.appendBase64(response.body, &$0) }
                Self.member("headers", &out) { Self.appendHeaders(response.headers, &$0) }
                Self.member("status", &out) { $0 += Array(String(response.status).utf8) }
                Self.member("truncated", &out) { $0 += Array((response.truncated ? "true" : "false").utf8) }
                out.append(UInt8(ascii: "}"))
            }
        }
        // `Date`'s own `Codable` form: seconds since 2001-01-01, which `JSONDecoder` reads back by default.
        Self.member("startedAt", &out) { JSNumberFormatter.append(startedAt.timeIntervalSinceReferenceDate, to: &$0) }
        Self.member("status", &out) { JSONWriter.appendQuoted(status.rawValue, to: &$0) }
        Self.member("trigger", &out) { JSONWriter.appendQuoted(trigger.rawValue, to: &$0) }
        Self.member("webhook", &out) { JSONWriter.appendQuoted(webhook, to: &$0) }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func member(
        _ key: StaticString, first: Bool = false, _ out: inout [UInt8], value: (inout [UInt8]) -> Void
    ) {
        if !first { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        value(&out)
    }

    private static func appendHeaders(_ headers: [InvocationHeader], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, header) in headers.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: Array(#"{"name":"#.utf8))
            JSONWriter.appendQuoted(header.name, to: &out)
            out.append(contentsOf: Array(#","value":"#.utf8))
            JSONWriter.appendQuoted(header.value, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func appendBase64(_ bytes: [UInt8], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: Array(Data(bytes).base64EncodedString().utf8))
        out.append(UInt8(ascii: "\""))
    }
}
