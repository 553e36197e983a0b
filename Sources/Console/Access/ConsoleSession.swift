import Foundation

/// A logged-in browser: its role and the CSRF token its state-changing requests must carry.
struct ConsoleSession: Sendable, Hashable {
    let id: String
    let role: ConsoleRole
    let csrf: String
    let expires: Date
}
