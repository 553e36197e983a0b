/// An IPv4 or IPv6 address, parsed without Foundation or the system resolver.
public enum IPAddress: Hashable, Sendable, CustomStringConvertible {
    case v4(UInt32)
    /// Sixteen bytes, network order.
    case v6([UInt8])

    /// Parses a strict dotted-quad IPv4 address (`192.0.2.1`) or an IPv6 address (with or without brackets).
    public init?(_ text: String) {
        if let v4 = IPAddress.parseDottedQuad(text) {
            self = .v4(v4)
        } else if let v6 = IPAddress.parseIPv6(
            text.hasPrefix("[") && text.hasSuffix("]")
                ? String(text.dropFirst().dropLast()) : text)
        {
            self = .v6(v6)
        } else {
            return nil
        }
    }

    /// Parses a URL host as WHATWG URL parsers (browsers, curl, many HTTP clients) read IPv4 hosts:
    /// `127.1`, `0x7f.0.0.1`, `017700000001` and `2130706433` all mean 127.0.0.1.
    ///
    /// Returns `nil` when the host's last label is not numeric, i.e. it is a DNS name.
    public static func parseURLHostIPv4(_ host: String) -> IPv4HostParse? {
        var labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if labels.count > 1, labels.last == "" { labels.removeLast() }
        guard let last = labels.last, isNumericLabel(last) else { return nil }
        guard labels.count <= 4 else { return .invalid }
        var numbers: [UInt64] = []
        for label in labels {
            guard let n = parseIPv4Number(label) else { return .invalid }
            numbers.append(n)
        }
        for n in numbers.dropLast() where n > 255 { return .invalid }
        let lastLimit = UInt64(1) << (8 * (5 - numbers.count))
        guard numbers.last! < lastLimit else { return .invalid }
        var value = numbers.last!
        for (i, n) in numbers.dropLast().enumerated() { value += n << (8 * (3 - i)) }
        return .address(UInt32(value))
    }

    /// The result of reading a URL host as IPv4.
    public enum IPv4HostParse: Hashable, Sendable {
        case address(UInt32)
        /// The host looks numeric but is not a valid IPv4 address in any accepted notation.
        case invalid
    }

    public var description: String {
        switch self {
        case .v4(let value):
            return (0..<4).map { String((value >> (24 - 8 * $0)) & 0xFF) }.joined(separator: ".")
        case .v6(let bytes):
            return IPAddress.formatIPv6(bytes)
        }
    }

    private static func isNumericLabel(_ label: String) -> Bool {
        guard !label.isEmpty else { return false }
        if label.allSatisfy(\.isASCIIDigit) { return true }
        let lower = label.lowercased()
        return lower.hasPrefix("0x") && lower.dropFirst(2).allSatisfy(\.isHexDigit)
    }

    private static func parseIPv4Number(_ label: String) -> UInt64? {
        guard !label.isEmpty, label.count <= 32 else { return nil }
        let lower = label.lowercased()
        if lower.hasPrefix("0x") {
            return lower.count == 2 ? 0 : UInt64(lower.dropFirst(2), radix: 16)
        }
        if lower.count > 1, lower.hasPrefix("0") {
            return UInt64(lower.dropFirst(), radix: 8)
        }
        return UInt64(lower, radix: 10)
    }

    private static func parseDottedQuad(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCIIDigit),
                part.count == 1 || part.first != "0", let octet = UInt32(part), octet <= 255
            else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    private static func parseIPv6(_ text: String) -> [UInt8]? {
        guard text.contains(":"), !text.contains("%") else { return nil }
        let halves = text.components(separatedByString: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            guard !part.isEmpty else { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if i == pieces.count - 1, piece.contains("."), let v4 = parseDottedQuad(String(piece)) {
                    result.append(UInt16(v4 >> 16))
                    result.append(UInt16(v4 & 0xFFFF))
                } else {
                    guard (1...4).contains(piece.count), piece.allSatisfy(\.isHexDigit),
                        let group = UInt16(piece, radix: 16)
                    else { return nil }
                    result.append(group)
                }
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all: [UInt16]
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard head.count == 8 else { return nil }
            all = head
        }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    private static func formatIPv6(_ bytes: [UInt8]) -> String {
        let groups = (0..<8).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
        // The longest run of two or more zero groups is written as "::" (RFC 5952).
        var best = (start: -1, length: 0)
        var i = 0
        while i < 8 {
            guard groups[i] == 0 else { i += 1; continue }
            var j = i
            while j < 8, groups[j] == 0 { j += 1 }
            if j - i > best.length, j - i >= 2 { best = (i, j - i) }
            i = j
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.start >= 0 else { return hex.joined(separator: ":") }
        let head = hex[..<best.start].joined(separator: ":")
        let tail = hex[(best.start + best.length)...].joined(separator: ":")
        return head + "::" + tail
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    fileprivate func components(separatedByString separator: String) -> [String] {
        var result: [String] = []
        var rest = self[...]
        while let range = rest.firstRange(of: separator) {
            result.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        result.append(String(rest))
        return result
    }
}
