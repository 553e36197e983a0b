import Foundation

/// Who is applying, for the apply log and the lock owner.
enum ApplyActor {
    /// The CI actor when known (`GITHUB_ACTOR`), else `$USER`.
    static func name(environment: [String: String]) -> String {
        if let actor = environment["GITHUB_ACTOR"], !actor.isEmpty { return "\(actor) (CI)" }
        return environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
    }

    /// `user@host pid N`, the lock owner.
    static func lockOwner(environment: [String: String]) -> String {
        "\(environment["USER"] ?? "unknown")@\(ProcessInfo.processInfo.hostName) pid \(ProcessInfo.processInfo.processIdentifier)"
    }
}
