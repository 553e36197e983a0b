public import Delivery
import Foundation
public import Hummingbird
public import Logging
public import Store

/// What the console needs of a store: the live webhooks (and the toggle), the history, and the queue.
public typealias ConsoleStore = LiveStateStore & InvocationHistoryStore & DeliveryQueueStore

/// The web console: its routes, mounted on the runner's listener by `hookctl run` or served alone by `hookctl
/// console` (`ConsoleServer`). Holds its sessions, login limiter and the last live snapshot, shared by every copy.
public struct Console: Sendable {
    let configuration: ConsoleConfiguration
    let store: any ConsoleStore
    let key: StoreKey
    let sender: Sender
    let clock: any WallClock
    let logger: Logger
    let access: ConsoleAccess
    let snapshots = SnapshotCache()

    public init(
        configuration: ConsoleConfiguration, store: any ConsoleStore, key: StoreKey, sender: Sender,
        clock: any WallClock = SystemClock(), logger: Logger
    ) {
        self.configuration = configuration
        self.store = store
        self.key = key
        self.sender = sender
        self.clock = clock
        self.logger = logger
        self.access = ConsoleAccess(configuration: configuration)
    }

    /// Adds every console route (`/`, `/login`, `/webhooks…`, `/history…`, `/draft…`, `/schema/event`,
    /// `/assets/…`) to `router`.
    public func addRoutes(to router: Router<BasicRequestContext>) {
        ConsoleRoutes(console: self).add(to: router)
    }

    /// A router holding only the console.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        addRoutes(to: router)
        return router
    }

    var now: Date { clock.now.date }

    /// The live webhooks, read again only when the store's serial moved.
    func snapshot() async throws(StoreError) -> LiveSnapshot {
        try await snapshots.snapshot(of: store)
    }
}
