import Testing
import WebhookModel

@Suite("IP address parsing and classification")
struct IPAddressTests {
    @Test(arguments: [
        ("8.8.8.8", AddressClass.public), ("1.1.1.1", .public), ("0.0.0.0", .unspecified), ("0.1.2.3", .unspecified),
        ("10.0.0.5", .private), ("100.64.0.1", .sharedCGNAT), ("100.127.255.255", .sharedCGNAT),
        ("100.128.0.1", .public),
        ("127.0.0.1", .loopback), ("127.255.0.9", .loopback), ("169.254.169.254", .metadata),
        ("169.254.1.1", .linkLocal),
        ("172.15.255.255", .public), ("172.16.0.1", .private), ("172.31.255.255", .private), ("172.32.0.0", .public),
        ("192.0.0.8", .reserved), ("192.0.2.1", .documentation), ("192.168.0.1", .private), ("198.18.0.1", .reserved),
        ("198.51.100.7", .documentation), ("203.0.113.9", .documentation), ("224.0.0.1", .multicast),
        ("239.255.255.255", .multicast), ("240.0.0.1", .reserved), ("255.255.255.255", .broadcast),
        ("::", .unspecified), ("::1", .loopback), ("2606:4700:4700::1111", .public), ("2001:4860:4860::8888", .public),
        ("fc00::1", .private), ("fd12:3456::1", .private), ("fd00:ec2::254", .metadata), ("fe80::1", .linkLocal),
        ("febf::1", .linkLocal), ("fec0::1", .private), ("ff02::1", .multicast), ("2001:db8::1", .documentation),
        ("2001::1", .reserved), ("100::1", .reserved), ("::ffff:8.8.8.8", .public), ("::ffff:10.1.2.3", .private),
        ("::ffff:127.0.0.1", .loopback), ("::ffff:169.254.169.254", .metadata), ("::ffff:a9fe:a9fe", .metadata),
        ("::127.0.0.1", .loopback), ("64:ff9b::10.0.0.1", .private), ("64:ff9b::8.8.8.8", .public),
        ("64:ff9b:1::1", .private), ("2002:c0a8:0101::1", .private), ("2002:0808:0808::1", .public),
    ])
    func classification(text: String, expected: AddressClass) throws {
        let address = try #require(IPAddress(text), "\(text) should parse")
        #expect(address.classification == expected, "\(text)")
    }

    @Test(arguments: [
        "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.-4", "", "::1::2", "1:2:3:4:5:6:7:8:9",
        "fe80::1%eth0", "12345::1", "g::1", "1.2.3.4 ",
    ])
    func rejectsMalformed(text: String) {
        #expect(IPAddress(text) == nil, "\(text)")
    }

    @Test func formatsCanonically() throws {
        #expect(try #require(IPAddress("2001:0db8:0000:0000:0000:0000:0000:0001")).description == "2001:db8::1")
        #expect(try #require(IPAddress("[::ffff:10.0.0.1]")).description == "::ffff:a00:1")
        #expect(try #require(IPAddress("1:0:0:2:0:0:0:3")).description == "1:0:0:2::3")
        #expect(try #require(IPAddress("10.0.0.5")).description == "10.0.0.5")
    }

    @Test(arguments: [
        ("127.1", "127.0.0.1"), ("2130706433", "127.0.0.1"), ("0x7f.0.0.1", "127.0.0.1"), ("017700000001", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"), ("10.1", "10.0.0.1"), ("192.168.257", "192.168.1.1"), ("8.8.8.8.", "8.8.8.8"),
    ])
    func urlHostNumericForms(host: String, expected: String) throws {
        guard case .address(let value)? = IPAddress.parseURLHostIPv4(host) else {
            Issue.record("\(host) did not parse as IPv4")
            return
        }
        #expect(IPAddress.v4(value).description == expected)
    }

    @Test func urlHostsThatAreNamesOrInvalid() {
        #expect(IPAddress.parseURLHostIPv4("example.com") == nil)
        #expect(IPAddress.parseURLHostIPv4("1.example") == nil)
        #expect(IPAddress.parseURLHostIPv4("256.1.1.1") == .invalid)
        #expect(IPAddress.parseURLHostIPv4("1.2.3.4.5") == .invalid)
        #expect(IPAddress.parseURLHostIPv4("4294967296") == .invalid)
    }
}
