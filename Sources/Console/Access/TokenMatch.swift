/// Compares a presented token with the expected one in constant time: the time taken does not depend on where, or
/// whether, a wrong token differs (only on the presented length).
struct TokenMatch: Sendable {
    private let expected: [UInt8]

    init(_ token: String) { expected = Array(token.utf8) }

    func matches(_ given: String) -> Bool {
        let given = Array(given.utf8)
        guard !expected.isEmpty else { return false }
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in 0..<given.count { difference |= given[index] ^ expected[index % expected.count] }
        return difference == 0
    }
}
