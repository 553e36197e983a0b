/// Markup built by string interpolation in which every interpolated `String` is escaped and only interpolated
/// `HTML` goes in as it is: `"<td>\(webhook.name)</td>" as HTML` cannot inject markup whatever the name holds.
///
/// Chosen over the Handlebars engine in `html` mode because the pages are built from Swift values (webhooks,
/// invocations, findings) with loops and conditions: a typed builder keeps that logic in checked Swift, and the
/// escaping is decided by type rather than by remembering `{{` versus `{{{`.
struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    private(set) var markup: String

    init(stringLiteral value: String) { markup = value }
    init(stringInterpolation: Interpolation) { markup = stringInterpolation.markup }
    private init(raw: String) { markup = raw }

    static let empty = HTML(raw: "")

    var description: String { markup }

    /// Escapes `&`, `<`, `>`, `"` and `'`, so a value is safe in text and in a double- or single-quoted attribute.
    static func escape(_ text: String) -> String {
        // By UTF-8 byte: the five are ASCII, and no byte of a multi-byte character is ASCII. Most values have none.
        func special(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
            default: false
            }
        }
        guard text.utf8.contains(where: special) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&#39;".utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(raw: lhs.markup + rhs.markup) }

    static func += (lhs: inout HTML, rhs: HTML) { lhs.markup += rhs.markup }

    /// The interpolation that escapes text and passes markup through; anything else must be turned into one of
    /// them first, so nothing reaches a page unescaped by accident.
    struct Interpolation: StringInterpolationProtocol {
        var markup = ""

        init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity * 2) }

        mutating func appendLiteral(_ literal: String) { markup += literal }
        mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }
        mutating func appendInterpolation(_ html: HTML) { markup += html.markup }
        mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { markup += part.markup } }
        mutating func appendInterpolation(_ number: Int) { markup += String(number) }
    }
}

extension Array where Element == HTML {
    /// The parts one after the other.
    func joined() -> HTML { reduce(HTML.empty, +) }
}
