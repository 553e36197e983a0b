public import Foundation

/// A point in wall-clock (UTC) time: what stores record, leases expire at and retry schedules aim for.
public struct WallInstant: InstantProtocol, Hashable, Sendable {
    /// The time since 1970-01-01T00:00:00Z.
    public var sinceEpoch: Duration

    public init(sinceEpoch: Duration) { self.sinceEpoch = sinceEpoch }

    public init(_ date: Date) { sinceEpoch = .seconds(date.timeIntervalSince1970) }

    /// The same instant as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: sinceEpoch.seconds) }

    public func advanced(by duration: Duration) -> WallInstant { WallInstant(sinceEpoch: sinceEpoch + duration) }

    public func duration(to other: WallInstant) -> Duration { other.sinceEpoch - sinceEpoch }

    public static func < (lhs: WallInstant, rhs: WallInstant) -> Bool { lhs.sinceEpoch < rhs.sinceEpoch }
}
