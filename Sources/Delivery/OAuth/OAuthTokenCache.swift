public import Foundation

/// OAuth access tokens shared by every send: cached until shortly before they expire, fetched once for concurrent
/// sends (later callers await the same fetch, each no longer than its own attempt's deadline), and dropped when a
/// receiver answers 401.
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

    /// The cached token for `key` if still usable at `now`, else the result of one shared `fetch`, waited for until
    /// `deadline` at most (the fetch goes on for the others, and its token is kept).
    func token(
        for key: Key, now: Date, deadline: SendDeadline? = nil,
        fetch: @escaping @Sendable () async -> Result<Token, DeliveryFailure>
    ) async -> Result<Token, DeliveryFailure> {
        switch entries[key] {
        case .ready(let token) where token.usableUntil > now:
            return .success(token)
        case .fetching(let task):
            return await Self.wait(for: task, before: deadline, tokenURL: key.tokenURL)
        default:
            fetchCount += 1
            // Unstructured on purpose: the fetch belongs to no one caller (each waits only until its own deadline,
            // and the others keep waiting on it), and it cannot run long: `fetch` is one token request bounded by
            // the webhook's whole timeout (`OAuthClient.token`).
            let task = Task {
                let result = await fetch()
                settle(key, result)
                return result
            }
            entries[key] = .fetching(task)
            return await Self.wait(for: task, before: deadline, tokenURL: key.tokenURL)
        }
    }

    /// Keeps a fetched token, or forgets a failed fetch so the next call tries again.
    private func settle(_ key: Key, _ result: Result<Token, DeliveryFailure>) {
        switch result {
        case .success(let token): entries[key] = .ready(token)
        case .failure: entries[key] = nil
        }
    }

    /// `task`'s result, or a failure once `deadline` passes first.
    private static func wait(
        for task: Task<Result<Token, DeliveryFailure>, Never>, before deadline: SendDeadline?, tokenURL: String
    ) async -> Result<Token, DeliveryFailure> {
        guard let deadline else { return await task.value }
        return await withTaskGroup(of: Result<Token, DeliveryFailure>?.self) { race in
            race.addTask { await task.value }
            race.addTask {
                try? await Task.sleep(for: deadline.remaining)
                return nil
            }
            let first = await race.next() ?? nil
            race.cancelAll()
            return first ?? .failure(.oauth("\(tokenURL): no token \(deadline.ranOut)"))
        }
    }

    /// Forgets `accessToken` for `key` (after a 401) so the next call fetches a new one.
    func invalidate(_ key: Key, accessToken: String) {
        if case .ready(let token) = entries[key], token.accessToken == accessToken { entries[key] = nil }
    }

    /// How many token requests were started; for tests.
    public var fetches: Int { fetchCount }
}
