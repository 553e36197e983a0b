import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal HTTP/1.1 receiver on 127.0.0.1 for the `hookctl test` command tests: answers every request with one
/// canned response and records the raw requests. Serves at most `maxConnections` connections; `stop()` ends it.
///
/// With `echo`, it answers like receivers that echo what they got: each request header comes back as an
/// `X-Echo-NAME` response header, and the body is `{"request": RAW}` with the raw request JSON-escaped (`/` as `\/`).
final class TestLoopbackReceiver: Sendable {
    let port: Int
    private let listener: Int32
    private let requests = Mutex<[String]>([])
    private let respond: @Sendable (String) -> String

    init(
        status: Int = 200, reason: String = "OK", body: String = #"{"ok":true}"#, echo: Bool = false,
        maxConnections: Int = 8
    ) {
        respond = { request in
            var headers = ""
            var body = body
            if echo {
                let head = request.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n").dropFirst()
                headers = head.map { "X-Echo-\($0)\r\n" }.joined()
                let data = try! JSONSerialization.data(withJSONObject: ["request": request])
                body = String(decoding: data, as: UTF8.self)
            }
            return "HTTP/1.1 \(status) \(reason)\r\nContent-Type: application/json\r\nX-Receiver: loopback\r\n"
                + headers + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        }
        #if canImport(Glibc)
            let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let listener = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 16) == 0
                    && getsockname(listener, pointer, &length) == 0
            }
        }
        precondition(bound, "cannot listen on 127.0.0.1")
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        let receiver = self
        Thread.detachNewThread { receiver.serve(maxConnections) }
    }

    /// Every request received, as raw text (head and body).
    var received: [String] { requests.withLock { $0 } }

    /// Stops accepting connections.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(_ maxConnections: Int) {
        for _ in 0..<maxConnections {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            var data: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            for _ in 0..<1_000 {
                let n = read(connection, &buffer, buffer.count)
                guard n > 0 else { break }
                data += buffer[0..<n]
                if Self.isComplete(data) { break }
            }
            let request = String(decoding: data, as: UTF8.self)
            requests.withLock { $0.append(request) }
            let bytes = Array(respond(request).utf8)
            _ = bytes.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            close(connection)
        }
    }

    private static func isComplete(_ data: [UInt8]) -> Bool {
        let text = String(decoding: data, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let head = text[..<end.lowerBound].lowercased()
        let length =
            head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        return text[end.upperBound...].utf8.count >= length
    }
}
