import Declarations
import TestSupport
import Testing

@Suite("url")
struct URLRuleTests {
    /// The valid declaration with `url`, marked where a finding is expected: at `1️⃣` inside it, else at its start.
    private func yaml(_ url: String) -> String {
        validDeclaration.replacingOccurrences(
            of: "url: https://example.atlassian.net/rest/api/3/issue",
            with: "url: " + (url.contains("1️⃣") ? url : "1️⃣" + url))
    }

    @Test(arguments: [
        "https://example.atlassian.net/rest/api/3/issue",
        "https://hooks.slack.com/services/T000/B000/XXXX",
        "https://http-intake.logs.datadoghq.com:443/api/v2/logs?ddsource=hookctl",
        "https://8.8.8.8/hook",
        "https://[2606:4700:4700::1111]/hook",
        "https://Example.COM./path%20with%20space",
        "https://example.com/a?b=%7e%7E",
        "https://xn--mnchen-3ya.de/hook",  // münchen.de
        "https://hooks.xn--p1ai/hook",  // .рф
        "https://xn--bcher-kva.example.com/hook",  // RFC 3492's bücher
    ])
    func accepted(url: String) throws {
        let set = try load(MarkedText(yaml(url)))
        #expect(set.diagnostics.isEmpty, "\(url): \(set.diagnostics)")
    }

    @Test(arguments: [
        ("http://example.com/hook", "url.scheme", "use https"),
        ("ftp://example.com/hook", "url.scheme", "\"ftp\" is not allowed"),
        ("example.com/hook", "url.invalid", "not an absolute URL"),
        ("https://example.com1️⃣:8443/hook", "url.port", "port 8443 is not allowed"),
        ("https://1️⃣user:pass@example.com/hook", "url.userinfo", "user name or password"),
        ("https://example.com/hook1️⃣#frag", "url.fragment", "fragment"),
        ("https://example.com/a1️⃣ b", "url.invalid", "a space"),
        ("https://1️⃣localhost/hook", "url.host", "local name"),
        ("https://1️⃣api.localhost/hook", "url.host", "local name"),
        ("https://1️⃣printer.local/hook", "url.host", "local name"),
        ("https://1️⃣db.internal/hook", "url.host", "local name"),
        ("https://1️⃣intranet/hook", "url.host", "single label"),
        ("https://1️⃣-bad-.example.com/hook", "url.host", "not a valid DNS name"),
        ("https://1️⃣exämple.com/hook", "url.host", "non-ASCII"),
        ("https://1️⃣10.0.0.5/hook", "url.address", "10.0.0.5 is a private address"),
        ("https://1️⃣127.0.0.1/hook", "url.address", "loopback"),
        ("https://1️⃣127.1/hook", "url.address", "127.0.0.1 is a loopback address"),
        ("https://1️⃣2130706433/hook", "url.address", "127.0.0.1 is a loopback address"),
        ("https://1️⃣0x7f.0.0.1/hook", "url.address", "loopback"),
        ("https://1️⃣169.254.169.254/latest/meta-data", "url.address", "cloud metadata"),
        ("https://1️⃣169.254.10.10/hook", "url.address", "link-local"),
        ("https://1️⃣100.64.1.1/hook", "url.address", "carrier-grade NAT"),
        ("https://1️⃣172.16.5.4/hook", "url.address", "private"),
        ("https://1️⃣192.168.1.1/hook", "url.address", "private"),
        ("https://1️⃣224.0.0.1/hook", "url.address", "multicast"),
        ("https://1️⃣0.0.0.0/hook", "url.address", "unspecified"),
        ("https://1️⃣[::1]/hook", "url.address", "loopback"),
        ("https://1️⃣[fd00:ec2::254]/hook", "url.address", "cloud metadata"),
        ("https://1️⃣[fe80::1]/hook", "url.address", "link-local"),
        ("https://1️⃣[fc00::5]/hook", "url.address", "private"),
        ("https://1️⃣[::ffff:10.0.0.1]/hook", "url.address", "private"),
        ("https://1️⃣[::ffff:127.0.0.1]/hook", "url.address", "loopback"),
        ("https://1️⃣[64:ff9b::a9fe:a9fe]/hook", "url.address", "cloud metadata"),
        ("https://1️⃣[2002:0a00:0001::]/hook", "url.address", "private"),
        ("https://1️⃣[ff02::1]/hook", "url.address", "multicast"),
        ("https://1️⃣256.1.1.1/hook", "url.host", "not a valid one"),
        ("https://1️⃣hooks_eu.example.com/hook", "url.host", "underscore, which no HTTPS certificate covers"),
        ("https://1️⃣xn--a.example.com/hook", "url.host", "\"xn--a\", which is not a valid punycode (xn--) label"),
        ("https://1️⃣xn--99999999999999999999.example.com/hook", "url.host", "not a valid punycode"),
        ("https://1️⃣xn--mnchen-!ya.de/hook", "url.host", "not a valid DNS name"),
        ("https://example.com/a1️⃣%zz", "url.invalid", "\"%zz\", a % not followed by two hex digits"),
        ("https://example.com/a?q=1001️⃣%", "url.invalid", "\"%\", a % not followed"),
        ("https://${env:HOOK_HOST}/hook", "url.invalid", "holds a ${…} reference"),
        ("https://example.com/${env:TOKEN}", "url.invalid", "holds a ${…} reference"),
    ])
    func refused(url: String, code: String, message: String) throws {
        try expectFinding(code, in: yaml(url), message: message)
    }

    /// Inside a quoted URL the finding points at the part too; a URL written with escapes (whose text is not the
    /// value) keeps the finding at its start, never at a wrong column.
    @Test func quotedURLsPointInsideUnlessWrittenWithEscapes() throws {
        try expectFinding("url.port", in: yaml("\"https://example.com1️⃣:8443/hook\""), message: "port 8443")
        try expectFinding("url.port", in: yaml("'https://example.com1️⃣:8443/hook'"), message: "port 8443")
        try expectFinding("url.port", in: yaml("1️⃣\"https://example.com\\x3a8443/hook\""), message: "port 8443")
    }
}
