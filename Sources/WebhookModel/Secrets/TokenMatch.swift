/// Compares a presented token with the expected one in constant time: the time taken does not depend on where, or
/// whether, a wrong token differs (only on the presented length). The one such comparison in hookctl: the intake's
/// bearer token, the console's tokens and `receive`'s signature check all use it.
public struct TokenMatch: Sendable {
    private let expected: [UInt8]

    public init(_ token: String) { expected = Array(token.utf8) }

    /// Whether `given` is the expected token; an empty expected token matches nothing.
    public func matches(_ given: some StringProtocol) -> Bool { Self.equal(given: given.utf8, expected: expected) }

    /// Whether `given` equals `expected`, byte for byte, in time that depends only on `given`'s length.
    public static func equal(given: some Collection<UInt8>, expected: [UInt8]) -> Bool {
        guard !expected.isEmpty else { return false }
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for (index, byte) in given.enumerated() { difference |= byte ^ expected[index % expected.count] }
        return difference == 0
    }
}
