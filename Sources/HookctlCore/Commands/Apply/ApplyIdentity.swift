import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who is applying, for the apply log and the lock owner.
enum ApplyIdentity {
    /// The CI actor when known (`GITHUB_ACTOR`), else `$USER`, else the account running the process.
    static func name(environment: [String: String]) -> String {
        if let actor = environment["GITHUB_ACTOR"], !actor.isEmpty { return "\(actor) (CI)" }
        return user(environment: environment)
    }

    /// `user@host pid N`, the lock owner.
    static func lockOwner(environment: [String: String]) -> String {
        "\(user(environment: environment))@\(ProcessInfo.processInfo.hostName) pid \(ProcessInfo.processInfo.processIdentifier)"
    }

    private static func user(environment: [String: String]) -> String {
        if let user = environment["USER"], !user.isEmpty { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(getuid())"
    }
}
