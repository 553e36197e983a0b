import Foundation
import Store
import Testing

@Suite("Invocation cursor")
struct InvocationCursorTests {
    @Test(
        "A token reads back as the same cursor, exactly",
        arguments: [
            (1_750_000_000.123_456_7, "inv_0c9e1d2a-7f1b-4a77-9f6a-35d1c0b7e001"), (0.1, "x"), (-5, "ü/+=?&"),
        ])
    func roundTrips(seconds: Double, id: String) throws {
        let cursor = InvocationCursor(startedAt: Date(timeIntervalSince1970: seconds), id: id)
        let token = cursor.token
        #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        let read = try #require(InvocationCursor(token: token))
        #expect(read == cursor)
        #expect(read.startedAt.timeIntervalSince1970 == cursor.startedAt.timeIntervalSince1970)
    }

    @Test(
        "What is not a token is refused", arguments: ["", "abc", "0000000000000000.", "zzzzzzzzzzzzzzzz.aWQ", "0.aWQ"])
    func refusesGarbage(token: String) {
        #expect(InvocationCursor(token: token) == nil)
    }
}
