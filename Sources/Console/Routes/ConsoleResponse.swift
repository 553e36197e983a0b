import Hummingbird
import JSON
import NIOCore

/// Every console answer, with the headers that keep pages safe: a `Content-Security-Policy` that allows only the
/// console's own script and style (no inline script, no other origin), no framing, no sniffing, no caching.
enum ConsoleResponse {
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func securityHeaders(contentType: String, cache: Bool = false) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        headers[.init("X-Frame-Options")!] = "DENY"
        headers[.init("Referrer-Policy")!] = "no-referrer"
        headers[.cacheControl] = cache ? "public, max-age=300" : "no-store"
        return headers
    }

    static func html(_ page: HTML, status: HTTPResponse.Status = .ok, cookies: [String] = []) -> Response {
        var headers = securityHeaders(contentType: "text/html; charset=utf-8")
        for cookie in cookies { headers.append(.init(name: .setCookie, value: cookie)) }
        return Response(
            status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page.markup)))
    }

    static func text(
        _ text: String, contentType: String, status: HTTPResponse.Status = .ok, cache: Bool = false
    )
        -> Response
    {
        Response(
            status: status, headers: securityHeaders(contentType: contentType, cache: cache),
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        text(value.jsonText + "\n", contentType: "application/json", status: status)
    }

    /// 303 See Other to `location` (after a POST, so a reload does not repeat it).
    static func redirect(_ location: String, cookies: [String] = []) -> Response {
        var headers = securityHeaders(contentType: "text/plain; charset=utf-8")
        headers[.location] = location
        for cookie in cookies { headers.append(.init(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }
}
