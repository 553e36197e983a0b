import PostgresNIO
public import Store

/// `LISTEN` on the queue's channels over a connection of its own (a pooled one would be handed to others).
extension PostgresStore: StoreNotifications {
    public func listen(
        listening: @escaping @Sendable () -> Void, heard: @escaping @Sendable (StoreNotification) -> Void
    ) async throws(StoreError) {
        do {
            let connection = try await PostgresConnection.connect(configuration: single, id: 1, logger: Self.quiet)
            do {
                try await Self.listen(on: connection, listening: listening, heard: heard)
                try? await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            if Task.isCancelled { return }
            throw Self.mapped(error)
        }
    }

    private static func listen(
        on connection: PostgresConnection, listening: @escaping @Sendable () -> Void,
        heard: @escaping @Sendable (StoreNotification) -> Void
    ) async throws {
        try await connection.listen(on: eventsChannel) { events in
            try await connection.listen(on: configurationChannel) { configuration in
                listening()
                // Either stream ends (cancelled) or throws (the connection closed): then both stop.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (stream, notification) in [(events, StoreNotification.events), (configuration, .configuration)]
                    {
                        group.addTask {
                            for try await _ in stream { heard(notification) }
                            if !Task.isCancelled { throw StoreError.backend("PostgreSQL stopped the notifications") }
                        }
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
        }
    }
}
