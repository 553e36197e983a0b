import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL

/// Turns HTTP client, socket and TLS errors into one clear sentence for history.
enum TransportErrorText {
    static func describe(_ error: any Error, timeout: Duration) -> String {
        let raw = String(describing: error)
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return "timed out after \(seconds(timeout)) (the webhook's timeout)"
            case .connectTimeout:
                return "connecting timed out"
            case .tlsHandshakeTimeout:
                return "TLS failure: the handshake timed out"
            case .remoteConnectionClosed:
                return "the receiver closed the connection before the response was complete"
            case .cancelled:
                return "the request was cancelled"
            default:
                break
            }
        }
        if let error = error as? PoolError {
            switch error {
            case .deadlineExceeded:
                return "timed out after \(seconds(timeout)) (the webhook's timeout)"
            case .remoteClosed:
                return "the receiver closed the connection before the response was complete"
            case .waitQueueFull(let connections):
                return "all \(connections) connections to the receiver are busy and too many sends are waiting"
            case .shutDown:
                return "the sender is shutting down"
            case .cancelled:
                return "the request was cancelled"
            }
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return "connecting timed out" }
        if let error = error as? HTTPParserError {
            if error == .invalidEOFState {
                return "the receiver closed the connection before the response was complete"
            }
            // llhttp's own words ("invalid constant string") say nothing to someone reading history.
            return "the receiver's answer is not an HTTP/1.1 response (the HTTP parser stopped at: \(error))"
        }
        if let error = error as? TLSSetupError { return "TLS failure: " + tlsReason(String(describing: error.error)) }
        if error is NIOSSLError || error is NIOSSLExtraError || raw.contains("BoringSSL") {
            return "TLS failure: " + tlsReason(raw)
        }
        if raw.contains("Connection refused") { return "connection refused" }
        if raw.contains("Connection reset") { return "connection reset by the receiver" }
        if raw.contains("Network is unreachable") { return "network is unreachable" }
        return "transport error: \(raw.prefix(300))"
    }

    private static func tlsReason(_ raw: String) -> String {
        if raw.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the receiver's certificate is not trusted (CERTIFICATE_VERIFY_FAILED); "
                + "for a private CA pass --ca-file"
        }
        if raw.contains("failedToValidateHostname") || raw.contains("hostname") {
            return "the receiver's certificate does not match the host name"
        }
        if raw.contains("WRONG_VERSION_NUMBER") { return "the receiver does not speak TLS on this port" }
        return String(raw.prefix(300))
    }

    static func seconds(_ duration: Duration) -> String {
        let (s, atto) = duration.components
        if atto == 0 { return "\(s)s" }
        return "\(s * 1000 + atto / 1_000_000_000_000_000)ms"
    }
}
