/// What a console session may do: an admin (the console token) tests, toggles and redelivers; a viewer (the viewer
/// token) only looks.
public enum ConsoleRole: String, Sendable, Hashable {
    case admin
    case viewer

    var canAct: Bool { self == .admin }
}
