public import Foundation

/// Where a page of history ends: the (startedAt, id) of its last invocation, for keyset paging.
///
/// Every store lists invocations in (startedAt desc, id desc) order; a query with `before: cursor` returns only the
/// invocations strictly after the cursor in that order, so no row is skipped or repeated across pages.
public struct InvocationCursor: Hashable, Sendable {
    public var startedAt: Date
    public var id: String

    public init(startedAt: Date, id: String) {
        self.startedAt = startedAt
        self.id = id
    }

    /// The cursor just past `invocation`: the next page starts with the invocation listed after it.
    public init(after invocation: Invocation) {
        self.init(startedAt: invocation.startedAt, id: invocation.id)
    }

    /// A URL-safe, opaque form (`[0-9a-f]{16}.` and the id in base64url): the time's exact bits, so a cursor read
    /// back compares equal to the stored time.
    public var token: String {
        let bits = String(startedAt.timeIntervalSinceReferenceDate.bitPattern, radix: 16)
        let padded = String(repeating: "0", count: 16 - bits.count) + bits
        let encoded = Data(id.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return padded + "." + encoded
    }

    /// The cursor a ``token`` stands for, or `nil` when `token` is not one.
    public init?(token: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 16, let bits = UInt64(parts[0], radix: 16) else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.contains("=") else { return nil }
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let id = String(data: data, encoding: .utf8), !id.isEmpty else {
            return nil
        }
        let seconds = Double(bitPattern: bits)
        guard seconds.isFinite else { return nil }
        self.init(startedAt: Date(timeIntervalSinceReferenceDate: seconds), id: id)
    }

    /// Whether `invocation` comes strictly after this cursor in (startedAt desc, id desc) order.
    public func precedes(_ invocation: Invocation) -> Bool {
        invocation.startedAt < startedAt || (invocation.startedAt == startedAt && invocation.id < id)
    }
}
