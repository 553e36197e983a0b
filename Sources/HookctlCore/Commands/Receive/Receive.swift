import Delivery
import Foundation
import Logging
import WebhookModel
import WebhookReceiver

/// `hookctl receive`: a local receiver for trying webhooks out. Prints every request — method, path, headers
/// (credentials redacted), the body pretty-printed — verifies its Standard Webhooks signature when given the
/// secret, and answers the chosen status, until SIGTERM or SIGINT. Returns the exit code (`ReceiveExit`).
public func receive(
    _ options: ReceiveOptions, terminal: Terminal, signals: Bool = true,
    listening: @escaping @Sendable (Int) async -> Void = { _ in }
) async -> Int32 {
    guard let (host, port) = ListenAddress.parse(options.listen), ListenAddress.isLoopback(host) else {
        terminal.err.write(
            "error: --listen \"\(options.listen)\" is not a loopback HOST:PORT (e.g. 127.0.0.1:9000 or [::1]:9000); "
                + "hookctl receive is for trying webhooks out on this machine\n")
        return ReceiveExit.usage
    }
    guard (100...599).contains(options.status) else {
        terminal.err.write("error: --status \(options.status) is not an HTTP status (100–599)\n")
        return ReceiveExit.usage
    }
    var verifier: StandardWebhookVerifier?
    if let secret = options.secret {
        guard let text = resolveSecret(secret, options: options, terminal: terminal) else { return ReceiveExit.error }
        do {
            verifier = try StandardWebhookVerifier(secrets: [text])
        } catch {
            terminal.err.write("error: --secret: \(error) (a whsec_ secret, as in the webhook's signing.secret)\n")
            return ReceiveExit.error
        }
    }
    let printer = ReceivedDeliveryPrinter(out: terminal.out)
    let receiver = LocalReceiver(
        configuration: LocalReceiverConfiguration(
            host: host, port: port, status: options.status, verifier: verifier),
        logger: Logger(label: "hookctl.receive"))
    let verifying =
        verifier == nil ? "not verifying signatures (no --secret)" : "verifying Standard Webhooks signatures"
    do {
        try await receiver.run(
            signals: signals,
            listening: { bound in
                let authority = host.contains(":") ? "[\(host)]:\(bound)" : "\(host):\(bound)"
                terminal.out.write(
                    "hookctl receive: listening on http://\(authority), \(verifying), answering \(options.status)\n"
                        + "  send to it with --allow-target \(authority) (local testing only), e.g. "
                        + "hookctl test NAME --allow-target \(authority)\n")
                await listening(bound)
            }, received: { printer.print($0) })
    } catch {
        terminal.err.write("error: the receiver stopped: \(error)\n")
        return ReceiveExit.error
    }
    return ReceiveExit.stopped
}

/// The secret behind `--secret`: a `${env:NAME}` or `${file:PATH}` reference (never printed), or a literal.
private func resolveSecret(_ text: String, options: ReceiveOptions, terminal: Terminal) -> String? {
    switch SecretRef.parse(text) {
    case nil:
        return text
    case .failure(let problem)?:
        terminal.err.write("error: --secret: \(problem)\n")
        return nil
    case .success(let reference)?:
        let directory = options.currentDirectory ?? FileManager.default.currentDirectoryPath
        switch reference.resolve(
            environment: terminal.environment, directory: directory, readFile: SecretResolver.readFileFromDisk)
        {
        case .success(let value):
            return value
        case .failure(let unresolved):
            let why =
                switch unresolved {
                case .notSet: "the environment variable \(reference.name) is not set"
                case .empty: "the environment variable \(reference.name) is empty"
                case .unreadable(let path): "cannot read \(path)"
                }
            terminal.err.write("error: --secret \(reference): \(why)\n")
            return nil
        }
    }
}
