/// Where the live webhooks stand without the webhooks themselves: the store's lineage and its serial. Every write to
/// the live webhooks moves the serial (an apply, `setActive`, a webhook disabled by the runner), so a snapshot read
/// earlier is still current exactly when its `LiveSerial` equals the store's.
public struct LiveSerial: Hashable, Sendable {
    public var lineage: String
    public var serial: Int64

    public init(lineage: String, serial: Int64) {
        self.lineage = lineage
        self.serial = serial
    }
}

extension LiveSnapshot {
    /// The lineage and serial this snapshot was read at.
    public var liveSerial: LiveSerial { LiveSerial(lineage: lineage, serial: serial) }
}
