/// What `hookctl receive` listens on, what it verifies and how it answers.
public struct ReceiveOptions: Sendable {
    /// `HOST:PORT`, a loopback address (`--listen`, default `127.0.0.1:9000`; port 0 picks one).
    public var listen = "127.0.0.1:9000"
    /// `${env:NAME}`, `${file:PATH}` or a literal `whsec_…` secret to verify signatures with (`--secret`).
    public var secret: String?
    /// The status of every answer (`--status`, default 200); a request whose signature does not verify gets 401.
    public var status = 200
    public var currentDirectory: String?

    public init() {}
}

/// Exit codes of `hookctl receive`.
public enum ReceiveExit {
    /// Stopped by SIGTERM or SIGINT.
    public static let stopped: Int32 = 0
    /// The server could not start (the port is taken) or the secret could not be read.
    public static let error: Int32 = 1
    public static let usage: Int32 = 2

    public static let table = ExitTable([
        (stopped, "stopped by SIGTERM or SIGINT"),
        (error, "the secret could not be read or the server could not start"),
        (usage, "bad usage"),
    ])
}
