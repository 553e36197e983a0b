import ArgumentParser

/// How `run` and `console` serve their listener: HTTPS with a certificate and key, or plain HTTP, which leaves
/// loopback only when told to.
struct ServedTLSOptions: ParsableArguments {
    @Option(name: .customLong("tls-cert"), help: "Serve HTTPS with this PEM certificate chain (with --tls-key).")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "The PEM private key for --tls-cert.")
    var tlsKey: String?

    @Flag(help: "Serve plain HTTP on a non-loopback address (what it serves carries tokens).")
    var insecureHTTP = false
}
