import HookctlCore
import TestSupport
import Testing

/// What `run` and `console` are told to serve is checked before anything opens: a certificate or key that cannot
/// be served is bad usage (exit 2) named by its flag, before the store is touched or a port bound.
@Suite("hookctl run and console, their listener flags")
struct ServedListenerUsageTests {
    func running(_ configure: (inout RunOptions) -> Void) async throws -> (code: Int32, err: String) {
        let workspace = try Workspace()
        var options = RunOptions()
        (options.listen, options.currentDirectory) = ("127.0.0.1:0", workspace.path)
        configure(&options)
        let (terminal, _, err) = Terminal.capturing()
        let code = await run(options, terminal: terminal, signals: false)
        return (code, err.text)
    }

    @Test func aCertificateThatCannotBeServedIsBadUsageNamedByItsFlag() async throws {
        let pki = try await TestPKI.shared()
        let missing = try await running { ($0.tlsCertificate, $0.tlsKey) = ("cert.pem", pki.server.key) }
        #expect(missing.code == RunExit.usage)
        #expect(missing.err.hasPrefix("error: --tls-cert /"), "relative to the working directory: \(missing.err)")
        #expect(missing.err.hasSuffix("/cert.pem: no such file\n"), "\(missing.err)")
        let mismatched = try await running { ($0.tlsCertificate, $0.tlsKey) = (pki.server.chain, pki.wrongName.key) }
        #expect(mismatched.code == RunExit.usage)
        #expect(mismatched.err.contains("is not the private key of the first certificate"), "\(mismatched.err)")
        let alone = try await running { $0.tlsCertificate = pki.server.chain }
        #expect(alone.err == "error: --tls-cert and --tls-key go together\n")

        let workspace = try Workspace()
        var options = ConsoleOptions()
        (options.listen, options.currentDirectory) = ("127.0.0.1:0", workspace.path)
        (options.tlsCertificate, options.tlsKey) = (pki.server.key, pki.server.key)
        let (terminal, _, err) = Terminal.capturing()
        #expect(await serveConsole(options, terminal: terminal, signals: false) == RunExit.usage)
        #expect(err.text.hasPrefix("error: --tls-cert \(pki.server.key) holds no PEM certificate"), "\(err.text)")
    }
}
