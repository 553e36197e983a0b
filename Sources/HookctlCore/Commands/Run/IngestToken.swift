/// The intake's bearer token: `HOOKCTL_INGEST_TOKEN`, else `.hookctl/ingest-token` (created, mode 0600, with a
/// random token when missing).
enum IngestToken {
    static let environmentVariable = "HOOKCTL_INGEST_TOKEN"
    static let defaultPath = ".hookctl/ingest-token"

    /// The token and where it came from, or `nil` after printing why it cannot be had.
    static func resolve(terminal: Terminal, directory: String) -> (token: String, source: String)? {
        GeneratedToken(
            environmentVariable: environmentVariable, defaultPath: defaultPath, what: "an ingest token",
            usage: "send it as Authorization: Bearer TOKEN"
        ).resolve(terminal: terminal, directory: directory)
    }
}
