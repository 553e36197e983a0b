import Foundation
import Hummingbird
import NIOCore
import TestSupport

/// The receiver behaviours the tests use, each on its own path.
enum ReceiverRoutes {
    static let basicCredentials = "Basic " + Data("ops:s3cr3t-pass".utf8).base64EncodedString()

    static func install(_ router: Router<BasicRequestContext>, _ log: ReceiverLog) {
        router.post("/ok") { _, _ in text(.ok, #"{"received":true}"#) }
        router.post("/echo-auth") { request, _ in
            var headers = HTTPFields()
            headers[.init("X-Seen-Authorization")!] = request.headers[.authorization] ?? "none"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "seen")))
        }
        router.post("/basic") { request, _ in
            request.headers[.authorization] == basicCredentials ? text(.ok, "ok") : text(.unauthorized, "no")
        }
        router.post("/bearer") { request, _ in
            request.headers[.authorization] == "Bearer tok-abc-123" ? text(.ok, "ok") : text(.unauthorized, "no")
        }
        router.post("/api-key") { request, _ in
            request.headers[.init("DD-API-KEY")!] == "key-xyz-789" ? text(.ok, "ok") : text(.unauthorized, "no")
        }
        router.post("/close") { _, _ in
            var headers = HTTPFields()
            headers[.connection] = "close"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "bye")))
        }
        router.post("/status/500") { _, _ in text(.internalServerError, "boom") }
        router.post("/redirect") { _, _ in
            var headers = HTTPFields()
            headers[.location] = "http://169.254.169.254/latest/meta-data/"
            return Response(status: .found, headers: headers)
        }
        router.post("/slow") { _, _ in
            try await Task.sleep(for: .seconds(3))
            return text(.ok, "late")
        }
        router.post("/slower") { _, _ in
            try await Task.sleep(for: .seconds(10))
            return text(.ok, "later")
        }
        router.post("/huge") { _, _ in
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: 1 << 20)))
        }
        router.post("/endless") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    let chunk = ByteBuffer(repeating: UInt8(ascii: "y"), count: 16 * 1024)
                    for _ in 0..<65_536 { try await writer.write(chunk) }  // 1 GiB at most; the client stops first
                    try await writer.finish(nil)
                })
        }
        router.post("/binary") { _, _ in
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: [0x66, 0xFF, 0xFE, 0x00, 0xC3, 0x28])))
        }
        router.post("/reset") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody(contentLength: 100_000) { writer in
                    try await writer.write(ByteBuffer(string: "partial"))
                    throw ReceiverError()
                })
        }
    }

    static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
