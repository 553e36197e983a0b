import Runner
import WebhookModel

/// `--listen HOST:PORT`.
enum ListenAddress {
    static func parse(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        return (host, port)
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Checks what `run` and `console` are told to serve: `--listen` parses, `--tls-cert` and `--tls-key` come
    /// together and load (paths resolved against `directory`), and plain HTTP goes to a loopback address unless
    /// `--insecure-http` says otherwise (`carrying` names what the listener carries, for that message). Prints why
    /// not and returns `nil` (bad usage).
    static func checkServed(
        _ listen: String, tlsCertificate: String?, tlsKey: String?, insecureHTTP: Bool, carrying: String,
        example: String, directory: String, terminal: Terminal
    ) -> (host: String, port: Int, tls: ServedTLS?)? {
        guard let (host, port) = parse(listen) else {
            terminal.err.write("error: --listen \"\(listen)\" is not HOST:PORT (e.g. \(example))\n")
            return nil
        }
        var tls: ServedTLS?
        switch (tlsCertificate, tlsKey) {
        case (let certificate?, let key?):
            do {
                tls = try ServedTLS(
                    certificateFile: AbsolutePath.resolve(certificate, against: directory),
                    keyFile: AbsolutePath.resolve(key, against: directory))
            } catch {
                terminal.err.write("error: \(error.description)\n")
                return nil
            }
        case (nil, nil): tls = nil
        default:
            terminal.err.write("error: --tls-cert and --tls-key go together\n")
            return nil
        }
        if tls == nil, !insecureHTTP, !isLoopback(host) {
            terminal.err.write(
                "error: \(carrying): serve \(host) with --tls-cert FILE --tls-key FILE, listen on a loopback address, "
                    + "or say --insecure-http\n")
            return nil
        }
        return (host, port, tls)
    }
}
