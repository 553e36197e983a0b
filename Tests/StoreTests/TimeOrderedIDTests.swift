import Foundation
import Store
import Testing

/// Ids that sort by the time they were made (UUID version 7, RFC 9562), so new rows go to the end of their index.
@Suite struct TimeOrderedIDTests {
    @Test func anIDIsThePrefixAndAVersion7UUIDInLowerCaseHex() throws {
        let date = Date(timeIntervalSince1970: 1_796_000_000.123)
        let id = TimeOrderedID.make(prefix: "inv_", at: date)
        #expect(id.hasPrefix("inv_"))
        let text = String(id.dropFirst(4))
        let uuid = try #require(UUID(uuidString: text), "\(text) is not a UUID")
        #expect(uuid.uuidString.lowercased() == text)
        let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
        #expect(bytes[6] >> 4 == 7, "version nibble")
        #expect(bytes[8] >> 6 == 0b10, "RFC 9562 variant")
        let milliseconds = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(milliseconds == 1_796_000_000_123)
    }

    @Test func idsSortByTheMillisecondTheyWereMadeIn() {
        // Half-way through each millisecond, clear of the rounding at its edges.
        let ids = (0..<2_000).map {
            TimeOrderedID.make(
                prefix: "dlv_", at: Date(timeIntervalSince1970: (1_796_000_000_000 + Double($0) + 0.5) / 1_000))
        }
        let outOfOrder = zip(ids, ids.dropFirst()).filter { $0 >= $1 }
        #expect(outOfOrder.isEmpty, "\(outOfOrder.prefix(3))")
    }

    @Test func idsMadeInOneMillisecondDifferInTheirRandomBits() {
        let now = Date()
        let ids = (0..<10_000).map { _ in TimeOrderedID.make(prefix: "evt_", at: now) }
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids.map { $0.prefix(4 + 13) }).count == 1, "one millisecond, one timestamp")
    }

    @Test func newIDsOfEventsDeliveriesAndInvocationsAreTimeOrdered() throws {
        for id in [AcceptedEvent.newID(), QueuedDelivery.newID(), Invocation.newID()] {
            let uuid = try #require(UUID(uuidString: String(id.dropFirst(4))))
            #expect(withUnsafeBytes(of: uuid.uuid) { $0[6] >> 4 } == 7, "\(id)")
        }
    }
}
