/// A helper's complaint about its arguments at render time; the renderer adds the position.
public struct HelperError: Error, Sendable, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }
}
