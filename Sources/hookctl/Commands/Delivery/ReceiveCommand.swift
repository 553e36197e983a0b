import ArgumentParser
import HookctlCore

struct ReceiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: "Run a local receiver that prints every request and verifies its signature, for trying webhooks out.",
        discussion: """
            Listens on a loopback address over plain HTTP and prints each request: method, path, headers \
            (credential values redacted) and the body, JSON pretty-printed. With --secret it verifies the Standard \
            Webhooks signature (webhook-id, webhook-timestamp, webhook-signature) and answers 401 when it does not \
            verify; every other request gets --status. Point a webhook at it with --allow-target HOST:PORT. \
            SIGTERM or SIGINT stop it.

            \(ReceiveExit.table.help)
            """
    )

    @Option(help: "HOST:PORT to listen on, a loopback address (port 0 picks one).")
    var listen = "127.0.0.1:9000"

    @Option(help: "The signing secret to verify with: ${env:NAME}, ${file:PATH} or a whsec_ value.")
    var secret: String?

    @Option(help: "The HTTP status to answer with.")
    var status = 200

    func run() async throws {
        var options = ReceiveOptions()
        (options.listen, options.secret, options.status) = (listen, secret, status)
        let code = await receive(options, terminal: .standard())
        if code != 0 { throw ExitCode(code) }
    }
}
