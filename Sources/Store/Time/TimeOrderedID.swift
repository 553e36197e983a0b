public import Foundation

/// Identifiers that sort by the time they were made: a UUID version 7 (RFC 9562: 48 bits of Unix milliseconds, then
/// 74 random bits), written in lower-case hex with the usual dashes after a prefix such as `inv_`.
///
/// Events, deliveries and invocations are keyed by these ids, so each new row lands at the end of its primary-key
/// index instead of on a random page of it: a commit of a thousand attempts touches a few index pages, not a
/// thousand, however long the history grows. Ids made in one millisecond are in random order among themselves.
public enum TimeOrderedID {
    /// A new id, `prefix` followed by a version-7 UUID for `date` (now by default).
    public static func make(prefix: String, at date: Date = Date()) -> String {
        var random = SystemRandomNumberGenerator()
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1_000)) & 0xFFFF_FFFF_FFFF
        let high = milliseconds << 16 | 0x7000 | (random.next() & 0x0FFF)
        let low = random.next() & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        var text = prefix.utf8.map { $0 }
        text.reserveCapacity(prefix.utf8.count + 36)
        append(high >> 32, digits: 8, to: &text)
        text.append(UInt8(ascii: "-"))
        append(high >> 16 & 0xFFFF, digits: 4, to: &text)
        text.append(UInt8(ascii: "-"))
        append(high & 0xFFFF, digits: 4, to: &text)
        text.append(UInt8(ascii: "-"))
        append(low >> 48, digits: 4, to: &text)
        text.append(UInt8(ascii: "-"))
        append(low & 0xFFFF_FFFF_FFFF, digits: 12, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func append(_ value: UInt64, digits: Int, to text: inout [UInt8]) {
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            text.append(hex[Int(value >> UInt64(shift) & 0xF)])
        }
    }
}
