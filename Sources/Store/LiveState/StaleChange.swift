/// One way the store moved between planning and applying.
public enum StaleChange: Hashable, Sendable, CustomStringConvertible {
    /// The store was replaced by another one (a different lineage).
    case lineage(planned: String, current: String)
    /// Something was written since the plan.
    case serial(planned: Int64, current: Int64)
    /// An object the plan changes has a different version (`nil`: absent).
    case object(name: String, planned: Int64?, current: Int64?)

    public var description: String {
        switch self {
        case .lineage(let planned, let current):
            "lineage: the plan is for store \(planned), this store is \(current)"
        case .serial(let planned, let current):
            "serial: \(planned) when planned, now \(current)"
        case .object(let name, let planned, let current):
            "webhook \"\(name)\": \(Self.text(planned)) when planned, now \(Self.text(current))"
        }
    }

    private static func text(_ version: Int64?) -> String {
        version.map { "version \($0)" } ?? "absent"
    }
}
