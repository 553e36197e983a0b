import WebhookModel

/// Checks an `Authorization: Bearer …` header against the ingest token in constant time.
struct BearerToken: Sendable {
    let token: TokenMatch

    init(_ token: String) { self.token = TokenMatch(token) }

    /// Whether `header` is `Bearer TOKEN` with exactly this token; the time taken does not depend on where a wrong
    /// token differs. An empty ingest token accepts nothing.
    func accepts(_ header: String?) -> Bool {
        guard let header, header.count > 7, header.prefix(7).lowercased() == "bearer " else { return false }
        return token.matches(header.dropFirst(7))
    }
}
