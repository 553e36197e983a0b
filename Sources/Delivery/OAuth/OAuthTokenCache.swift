public import Foundation

/// OAuth access tokens shared by every send: cached until shortly before they expire, fetched once for concurrent
/// sends (later callers await the same fetch), and dropped when a receiver answers 401.
public actor OAuthTokenCache {
    /// Which token: one per token endpoint, client and requested scope.
    struct Key: Hashable, Sendable {
        var tokenURL: String
        var clientID: String
        var scopes: [String]
        var audience: String?
    }

    /// A token and when it stops being used (already shortened by the refresh margin).
    struct Token: Hashable, Sendable {
        var accessToken: String
        var usableUntil: Date
    }

    private enum Entry {
        case ready(Token)
        case fetching(Task<Result<Token, DeliveryFailure>, Never>)
    }

    private var entries: [Key: Entry] = [:]
    private(set) var fetchCount = 0

    /// How long before `expires_in` runs out a token is refreshed.
    public static let refreshMargin: TimeInterval = 30

    public init() {}

    /// The cached token for `key` if still usable at `now`, else the result of one shared `fetch`.
    func token(
        for key: Key, now: Date, fetch: @escaping @Sendable () async -> Result<Token, DeliveryFailure>
    ) async -> Result<Token, DeliveryFailure> {
        switch entries[key] {
        case .ready(let token) where token.usableUntil > now:
            return .success(token)
        case .fetching(let task):
            return await task.value
        default:
            fetchCount += 1
            let task = Task { await fetch() }
            entries[key] = .fetching(task)
            let result = await task.value
            switch result {
            case .success(let token): entries[key] = .ready(token)
            case .failure: entries[key] = nil
            }
            return result
        }
    }

    /// Forgets `accessToken` for `key` (after a 401) so the next call fetches a new one.
    func invalidate(_ key: Key, accessToken: String) {
        if case .ready(let token) = entries[key], token.accessToken == accessToken { entries[key] = nil }
    }

    /// How many token requests were started; for tests.
    public var fetches: Int { fetchCount }
}
