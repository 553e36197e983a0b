/// Checks an `Authorization: Bearer …` header against the ingest token in constant time.
struct BearerToken: Sendable {
    let expected: [UInt8]

    init(_ token: String) { expected = Array(token.utf8) }

    /// Whether `header` is `Bearer TOKEN` with exactly this token; the time taken does not depend on where a wrong
    /// token differs.
    func accepts(_ header: String?) -> Bool {
        // An empty token accepts nothing (and has no byte to compare against).
        guard !expected.isEmpty, let header, header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            return false
        }
        let given = Array(header.utf8.dropFirst(7))
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in 0..<given.count { difference |= given[index] ^ expected[index % expected.count] }
        return difference == 0
    }
}
