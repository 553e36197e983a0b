import Delivery
import Foundation
import Hummingbird
import NIOCore

/// Answers every request, whatever its method and path: reads the body, verifies the signature when there is a
/// verifier, tells `received`, and answers the configured status (401 when the signature does not verify).
struct ReceivingMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let configuration: LocalReceiverConfiguration
    let received: @Sendable (ReceivedDelivery) -> Void

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = request
        let headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: configuration.maxBodyBytes)
        } catch {
            let reason = "the body is larger than \(configuration.maxBodyBytes) bytes"
            received(
                ReceivedDelivery(
                    at: Date(), method: request.method.rawValue, target: request.uri.description, headers: headers,
                    body: [], verdict: nil, status: 413, refusal: reason + " (not read)"))
            return Self.answer(413, ["error": reason])
        }
        let body = Array(buffer.readableBytesView)
        let verdict = configuration.verifier?.verify(
            id: request.headers[.init("webhook-id")!],
            timestamp: request.headers[.init("webhook-timestamp")!],
            signature: request.headers[.init("webhook-signature")!], body: body)
        var status = configuration.status
        var answer: [String: Any] = ["received": true]
        if case .refused(let reason) = verdict {
            status = 401
            answer = ["error": "signature refused: \(reason)"]
        }
        received(
            ReceivedDelivery(
                at: Date(), method: request.method.rawValue, target: request.uri.description, headers: headers,
                body: body, verdict: verdict, status: status))
        return Self.answer(status, answer)
    }

    static func answer(_ status: Int, _ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
