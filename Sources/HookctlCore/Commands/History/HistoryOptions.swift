/// What `hookctl history` lists.
public struct HistoryOptions: Sendable {
    public typealias Format = ListingFormat

    public var webhook: String?
    /// `success` or `failure` (any case).
    public var status: String?
    /// `Created` … `Failed`, `Test` or `Redelivery` (any case).
    public var trigger: String?
    /// How far back: a duration such as `1h` or `7d`.
    public var since: String?
    /// How recent at most: only attempts started longer ago than this duration.
    public var until: String?
    /// The page after this cursor (`next_before` in the JSON of a full page).
    public var before: String?
    public var limit: Int
    public var format: Format
    public var store: String?
    public var currentDirectory: String?

    public init(
        webhook: String? = nil, status: String? = nil, trigger: String? = nil,
        since: String? = nil, until: String? = nil, before: String? = nil, limit: Int = 50, format: Format = .text,
        store: String? = nil, currentDirectory: String? = nil
    ) {
        self.webhook = webhook
        self.status = status
        self.trigger = trigger
        self.since = since
        self.until = until
        self.before = before
        self.limit = limit
        self.format = format
        self.store = store
        self.currentDirectory = currentDirectory
    }
}
