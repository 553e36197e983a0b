import Foundation
import Synchronization

/// The console's sessions, in memory: a restart logs everyone out, and each process (each runner) has its own.
final class SessionStore: Sendable {
    /// How long a session lasts after login.
    static let lifetime: TimeInterval = 12 * 3600
    /// The most sessions kept; the oldest go first beyond it.
    static let capacity = 10_000

    private let sessions = Mutex<[String: ConsoleSession]>([:])

    func create(role: ConsoleRole, now: Date) -> ConsoleSession {
        let session = ConsoleSession(
            id: RandomToken.make(), role: role, csrf: RandomToken.make(), expires: now.addingTimeInterval(Self.lifetime)
        )
        sessions.withLock { all in
            all = all.filter { $0.value.expires > now }
            if all.count >= Self.capacity, let oldest = all.min(by: { $0.value.expires < $1.value.expires }) {
                all[oldest.key] = nil
            }
            all[session.id] = session
        }
        return session
    }

    /// The live session with this id, or `nil` (unknown or expired).
    func session(id: String, now: Date) -> ConsoleSession? {
        sessions.withLock { all in
            guard let session = all[id] else { return nil }
            guard session.expires > now else {
                all[id] = nil
                return nil
            }
            return session
        }
    }

    func end(id: String) { _ = sessions.withLock { $0.removeValue(forKey: id) } }
}
