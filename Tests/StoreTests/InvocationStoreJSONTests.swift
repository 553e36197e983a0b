import Foundation
import Store
import Testing

/// The hand-written history document reads back as the attempt it records, like `JSONEncoder`'s form of it.
@Suite("Invocation store JSON")
struct InvocationStoreJSONTests {
    static let full = Invocation(
        id: "inv_1", webhook: "jira \"prod\"", eventID: "evt_é/1", trigger: .redelivery, attempt: 12,
        startedAt: Date(timeIntervalSince1970: 1_764_590_400.123_456), durationMilliseconds: 1_234,
        address: "[::1]:8443", status: .failure, failureReason: "HTTP 503 Service Unavailable\n\u{1}\u{2028}end",
        request: InvocationRequest(
            method: "POST", url: "https://hooks.example.com/a?b=c&d=\\",
            headers: [
                InvocationHeader(name: "Content-Type", value: "application/json"),
                InvocationHeader(name: "Authorization", value: "Bearer [redacted]"),
            ],
            body: Array("{\"ticket\":\"ÄÖ 🚀\"}".utf8) + [0, 255, 10]),
        response: InvocationResponse(
            status: 503, headers: [InvocationHeader(name: "Retry-After", value: "30")],
            body: Array(repeating: 7, count: 70),
            truncated: true))

    static let bare = Invocation(
        id: "inv_2", webhook: "w", eventID: "evt_2", trigger: .created, attempt: 1,
        startedAt: Date(timeIntervalSinceReferenceDate: 0), durationMilliseconds: 0, address: nil, status: .success,
        failureReason: nil, request: InvocationRequest(method: "GET", url: "http://127.0.0.1/", headers: [], body: []),
        response: nil)

    @Test(arguments: [InvocationStoreJSONTests.full, InvocationStoreJSONTests.bare])
    func readsBackAsTheAttempt(_ invocation: Invocation) throws {
        let document = invocation.storeJSON
        #expect(try StoreCoding.decode(Invocation.self, from: document) == invocation)
        // The same document as the `Codable` form, member for member: both parsed and written again alike.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func normalized(_ data: Data) throws -> Data {
            try JSONSerialization.data(
                withJSONObject: try JSONSerialization.jsonObject(with: data), options: [.sortedKeys])
        }
        #expect(try normalized(Data(document.utf8)) == normalized(try encoder.encode(invocation)))
    }

    @Test func storeCodingWritesInvocationsThatWay() throws {
        #expect(try StoreCoding.encode(Self.full) == Self.full.storeJSON)
    }
}
