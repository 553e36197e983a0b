import Console

/// The console's tokens: `HOOKCTL_CONSOLE_TOKEN` (else a generated `.hookctl/console-token`, mode 0600) for full
/// access, and the optional read-only `HOOKCTL_CONSOLE_VIEWER_TOKEN`.
enum ConsoleTokens {
    static let environmentVariable = "HOOKCTL_CONSOLE_TOKEN"
    static let viewerVariable = "HOOKCTL_CONSOLE_VIEWER_TOKEN"
    static let defaultPath = ".hookctl/console-token"

    /// The console's configuration and where its token came from, or `nil` after printing why not.
    static func configuration(
        terminal: Terminal, directory: String, tls: Bool, allowTargets: Set<String>
    ) -> (configuration: ConsoleConfiguration, source: String)? {
        guard
            let (token, source) = GeneratedToken(
                environmentVariable: environmentVariable, defaultPath: defaultPath, what: "a console token",
                usage: "log in to the console with it"
            ).resolve(terminal: terminal, directory: directory)
        else { return nil }
        let viewer = terminal.environment[viewerVariable].flatMap { $0.isEmpty ? nil : $0 }
        if let viewer, viewer == token {
            terminal.err.write("error: \(viewerVariable) must differ from the console token\n")
            return nil
        }
        return (
            ConsoleConfiguration(
                adminToken: token, viewerToken: viewer, secureCookies: tls, allowTargets: allowTargets),
            source
        )
    }
}
