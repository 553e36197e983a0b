package import WebhookModel

/// The rules for a webhook URL: absolute `https://`, port 443 only, no user-info or fragment, and a public host.
package enum URLRules {
    /// Why a URL is refused, with a rule id and what would be accepted.
    package struct Problem: Error, Hashable, Sendable {
        package var code: String
        package var message: String
        package var notes: [String] = []
        /// Where in the URL the problem is, in Unicode scalars from its start, when it is one part of it.
        package var offset: Int?
    }

    static let blockedSuffixes = [".local", ".internal", ".localhost", ".localdomain", ".home.arpa"]

    /// `allowTargets` holds `host:port` entries (lower-case host, IPv6 in brackets) from `--allow-target`: such a
    /// target is exempt from the scheme (http is allowed), port and address rules, for local testing only.
    package static func check(_ url: String, allowTargets: Set<String> = []) -> Result<URLParts, Problem> {
        if url.contains("${") {
            return .failure(
                Problem(
                    code: "url.invalid", message: "the URL holds a ${…} reference, which is not resolved in a URL",
                    notes: [
                        "write the URL out: references are for secrets (headers, auth, signing), and a URL is not one",
                        "to keep a token out of the URL, send it in a header or auth instead",
                    ]))
        }
        if let parts = URLParts(url), isAllowed(parts, allowTargets) { return .success(parts) }
        guard let parts = URLParts(url) else {
            return .failure(
                Problem(
                    code: "url.invalid", message: "\"\(url)\" is not an absolute URL",
                    notes: ["write it as https://host/path"]))
        }
        guard parts.scheme.lowercased() == "https" else {
            return .failure(
                Problem(
                    code: "url.scheme", message: "URL scheme \"\(parts.scheme)\" is not allowed; webhooks use https",
                    notes: ["write https://\(parts.host)\(parts.rest)"]))
        }
        let at = Offsets(parts)
        if parts.userInfo != nil {
            return .failure(
                Problem(
                    code: "url.userinfo", message: "the URL carries a user name or password",
                    notes: ["use auth: {type: basic, username: …, password: ${env:…}} instead"], offset: at.userInfo))
        }
        if let port = parts.port, port != "443" {
            return .failure(
                Problem(
                    code: "url.port", message: "port \(port) is not allowed; webhooks go to the default HTTPS port 443",
                    notes: ["remove :\(port) from the URL"], offset: at.port))
        }
        if let hash = parts.rest.unicodeScalars.firstIndex(of: "#") {
            return .failure(
                Problem(
                    code: "url.fragment", message: "the URL has a fragment (#…), which is never sent to the server",
                    notes: ["remove the # part"],
                    offset: at.rest + parts.rest.unicodeScalars.distance(from: parts.rest.startIndex, to: hash)))
        }
        if let bad = parts.rest.unicodeScalars.firstIndex(where: {
            $0.value <= 0x20 || $0.value == 0x7F || !$0.isASCII
                || "<>\"{}|\\^`".unicodeScalars.contains($0)
        }) {
            let scalar = parts.rest.unicodeScalars[bad]
            let shown = scalar == " " ? "a space" : scalar.value < 0x20 ? "a control character" : "\"\(scalar)\""
            return .failure(
                Problem(
                    code: "url.invalid", message: "the URL path contains \(shown)",
                    notes: ["percent-encode it, e.g. a space as %20"],
                    offset: at.rest + parts.rest.unicodeScalars.distance(from: parts.rest.startIndex, to: bad)))
        }
        if let escape = badPercentEscape(parts.rest) {
            let offset = parts.rest.range(of: escape).map {
                at.rest + parts.rest.unicodeScalars.distance(from: parts.rest.startIndex, to: $0.lowerBound)
            }
            return .failure(
                Problem(
                    code: "url.invalid", message: "the URL has \"\(escape)\", a % not followed by two hex digits",
                    notes: ["write a literal % as %25"], offset: offset))
        }
        if var problem = hostProblem(parts.host) {
            problem.offset = at.host
            return .failure(problem)
        }
        return .success(parts)
    }

    /// Why `host` may not receive webhooks, or `nil` if it may.
    package static func hostProblem(_ host: String) -> Problem? {
        if host.hasPrefix("[") {
            guard let address = IPAddress(host) else {
                return Problem(code: "url.host", message: "\(host) is not a valid IPv6 address")
            }
            return addressProblem(address)
        }
        let name = host.hasSuffix(".") ? String(host.dropLast()).lowercased() : host.lowercased()
        switch IPAddress.parseURLHostIPv4(name) {
        case .address(let value)?:
            return addressProblem(.v4(value))
        case .invalid?:
            return Problem(code: "url.host", message: "\"\(host)\" looks like an IPv4 address but is not a valid one")
        case nil:
            break
        }
        guard name.unicodeScalars.allSatisfy(\.isASCII) else {
            return Problem(
                code: "url.host", message: "host \"\(host)\" has non-ASCII characters",
                notes: ["write internationalized names in their xn-- (punycode) form"])
        }
        if name == "localhost" || blockedSuffixes.contains(where: { name.hasSuffix($0) }) {
            return Problem(
                code: "url.host", message: "host \"\(host)\" is a local name, not reachable from the public internet",
                notes: ["webhooks may only target public hosts"])
        }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else {
            return Problem(
                code: "url.host", message: "host \"\(host)\" is a single label, not a public DNS name",
                notes: ["use a fully qualified name such as hooks.example.com"])
        }
        if name.contains("_") {
            return Problem(
                code: "url.host", message: "host \"\(host)\" has an underscore, which no HTTPS certificate covers",
                notes: ["public certificate authorities issue none for such names; use the host's name without _"])
        }
        guard name.count <= 253, labels.allSatisfy(isValidLabel) else {
            return Problem(
                code: "url.host", message: "host \"\(host)\" is not a valid DNS name",
                notes: ["labels are 1–63 letters, digits and hyphens, not starting or ending with a hyphen"])
        }
        if let label = labels.first(where: { $0.hasPrefix("xn--") && !Punycode.isValidALabel($0) }) {
            return Problem(
                code: "url.host",
                message: "host \"\(host)\" has \"\(label)\", which is not a valid punycode (xn--) label",
                notes: [
                    "an xn-- label is an internationalized name's ASCII form; copy the host's name as its owner gives it"
                ])
        }
        return nil
    }

    /// Where each part of a URL starts, in Unicode scalars: `scheme://userinfo@host:port rest`.
    struct Offsets {
        var userInfo: Int
        var host: Int
        /// The `:` before the port.
        var port: Int
        var rest: Int

        init(_ parts: URLParts) {
            userInfo = parts.scheme.unicodeScalars.count + 3
            host = userInfo + (parts.userInfo.map { $0.unicodeScalars.count + 1 } ?? 0)
            port = host + parts.host.unicodeScalars.count
            rest = port + (parts.port.map { $0.unicodeScalars.count + 1 } ?? 0)
        }
    }

    /// Whether `--allow-target` exempts this URL's exact host and port (http or https, no user-info).
    static func isAllowed(_ parts: URLParts, _ allowTargets: Set<String>) -> Bool {
        let scheme = parts.scheme.lowercased()
        guard !allowTargets.isEmpty, scheme == "https" || scheme == "http", parts.userInfo == nil,
            let port = parts.port.map({ Int($0) }) ?? (scheme == "https" ? 443 : 80)
        else { return false }
        return allowTargets.contains("\(parts.host.lowercased()):\(port)")
    }

    private static func isValidLabel(_ label: Substring) -> Bool {
        !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
            && label.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
            }
    }

    /// The first `%` in `text` that does not start a `%XX` escape, with what follows it (at most two characters).
    private static func badPercentEscape(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        for index in scalars.indices where scalars[index] == "%" {
            let following = scalars[(index + 1)..<min(index + 3, scalars.count)]
            if following.count < 2 || !following.allSatisfy(\.properties.isASCIIHexDigit) {
                return "%" + String(String.UnicodeScalarView(following))
            }
        }
        return nil
    }

    private static func addressProblem(_ address: IPAddress) -> Problem? {
        let kind = address.classification
        guard kind != .public else { return nil }
        return Problem(code: "url.address", message: "\(address) is \(kind); webhooks may only target public addresses")
    }
}
