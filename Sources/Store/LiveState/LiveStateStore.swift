/// The live webhooks, as `plan`, `apply` and the operating commands read and write them.
public protocol LiveStateStore: Sendable {
    /// Everything live, read in one transaction.
    func snapshot() async throws(StoreError) -> LiveSnapshot

    /// The lineage and serial alone, one row read: tells whether a snapshot read earlier is still current.
    func liveSerial() async throws(StoreError) -> LiveSerial

    /// Checks the change set's lineage, serial, versions and lock, then writes all of it and its log entry in one
    /// transaction; throws `stale` (writing nothing) when anything moved. Returns the new serial.
    @discardableResult
    func commit(_ changes: StoreChangeSet) async throws(StoreError) -> Int64

    /// Turns a live webhook on or off outside an apply (incident response); the next plan shows it as drift.
    func setActive(_ name: String, _ active: Bool) async throws(StoreError)
}
