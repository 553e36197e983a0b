/// Which kind of network an address belongs to; only `.public` may receive webhooks.
public enum AddressClass: Hashable, Sendable, CustomStringConvertible {
    case `public`
    case unspecified
    case loopback
    case `private`
    case sharedCGNAT
    case linkLocal
    case metadata
    case multicast
    case broadcast
    case documentation
    case reserved

    /// A phrase for messages: `target resolves to 10.0.0.5, a private address`.
    public var description: String {
        switch self {
        case .public: "a public address"
        case .unspecified: "an unspecified address"
        case .loopback: "a loopback address"
        case .private: "a private address"
        case .sharedCGNAT: "a carrier-grade NAT (100.64.0.0/10) address"
        case .linkLocal: "a link-local address"
        case .metadata: "a cloud metadata address"
        case .multicast: "a multicast address"
        case .broadcast: "the broadcast address"
        case .documentation: "a documentation address"
        case .reserved: "a reserved address"
        }
    }
}

extension IPAddress {
    /// The network this address belongs to. IPv6 forms that embed an IPv4 address (IPv4-mapped, IPv4-compatible,
    /// NAT64 and 6to4) are classified by the IPv4 address they carry.
    public var classification: AddressClass {
        switch self {
        case .v4(let value): Self.classify(v4: value)
        case .v6(let bytes): Self.classify(v6: bytes)
        }
    }

    /// The IPv4 address an IPv6 address carries, for the forms that route to it.
    public var embeddedIPv4: UInt32? {
        guard case .v6(let b) = self else { return nil }
        func v4(at offset: Int) -> UInt32 {
            (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(b[offset + $1]) }
        }
        let firstTen = b[0..<10].allSatisfy { $0 == 0 }
        if firstTen, b[10] == 0xFF, b[11] == 0xFF { return v4(at: 12) }  // ::ffff:a.b.c.d
        if firstTen, b[10] == 0, b[11] == 0, b[12...].contains(where: { $0 != 0 }), v4(at: 12) > 1 {
            return v4(at: 12)  // ::a.b.c.d (deprecated IPv4-compatible)
        }
        if b[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] { return v4(at: 12) }  // 64:ff9b::/96
        if b[0] == 0x20, b[1] == 0x02 { return v4(at: 2) }  // 2002::/16 (6to4)
        return nil
    }

    private static func classify(v4 a: UInt32) -> AddressClass {
        func inNet(_ net: UInt32, _ bits: UInt32) -> Bool { bits == 0 || a >> (32 - bits) == net >> (32 - bits) }
        if a == 0xA9FE_A9FE { return .metadata }  // 169.254.169.254
        if a == 0xFFFF_FFFF { return .broadcast }
        let table: [(UInt32, UInt32, AddressClass)] = [
            (0x0000_0000, 8, .unspecified),  // 0.0.0.0/8 "this network"
            (0x0A00_0000, 8, .private),  // 10.0.0.0/8
            (0x6440_0000, 10, .sharedCGNAT),  // 100.64.0.0/10
            (0x7F00_0000, 8, .loopback),  // 127.0.0.0/8
            (0xA9FE_0000, 16, .linkLocal),  // 169.254.0.0/16
            (0xAC10_0000, 12, .private),  // 172.16.0.0/12
            (0xC000_0000, 24, .reserved),  // 192.0.0.0/24 IETF protocol assignments
            (0xC000_0200, 24, .documentation),  // 192.0.2.0/24
            (0xC058_6300, 24, .reserved),  // 192.88.99.0/24 6to4 relay anycast
            (0xC0A8_0000, 16, .private),  // 192.168.0.0/16
            (0xC612_0000, 15, .reserved),  // 198.18.0.0/15 benchmarking
            (0xC633_6400, 24, .documentation),  // 198.51.100.0/24
            (0xCB00_7100, 24, .documentation),  // 203.0.113.0/24
            (0xE000_0000, 4, .multicast),  // 224.0.0.0/4
            (0xF000_0000, 4, .reserved),  // 240.0.0.0/4
        ]
        return table.first { inNet($0.0, $0.1) }?.2 ?? .public
    }

    private static func classify(v6 b: [UInt8]) -> AddressClass {
        if b == [UInt8](repeating: 0, count: 16) { return .unspecified }
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return .loopback }
        // fd00:ec2::254, the IPv6 instance metadata endpoint.
        if b == [0xFD, 0x00, 0x0E, 0xC2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54] { return .metadata }
        if let v4 = IPAddress.v6(b).embeddedIPv4 {
            return classify(v4: v4)
        }
        // 64:ff9b:1::/48, local-use NAT64.
        if b[0] == 0, b[1] == 0x64, b[2] == 0xFF, b[3] == 0x9B, b[4] == 0, b[5] == 1 { return .private }
        if b[0] == 0x01, b[1] == 0x00, b[2..<8].allSatisfy({ $0 == 0 }) { return .reserved }  // 100::/64 discard
        if b[0] == 0x20, b[1] == 0x01, b[2] == 0x0D, b[3] == 0xB8 { return .documentation }  // 2001:db8::/32
        if b[0] == 0x20, b[1] == 0x01, b[2] == 0, b[3] == 0 { return .reserved }  // 2001::/32 Teredo
        if b[0] & 0xFE == 0xFC { return .private }  // fc00::/7 unique local
        if b[0] == 0xFE, b[1] & 0xC0 == 0x80 { return .linkLocal }  // fe80::/10
        if b[0] == 0xFE, b[1] & 0xC0 == 0xC0 { return .private }  // fec0::/10 site-local (deprecated)
        if b[0] == 0xFF { return .multicast }  // ff00::/8
        if b[0..<12].allSatisfy({ $0 == 0 }) { return .reserved }  // ::/96 leftovers
        return .public
    }
}
