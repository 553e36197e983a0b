/// One apply's writes and the state they were planned against; a store commits it whole or not at all.
public struct StoreChangeSet: Hashable, Sendable {
    /// One webhook to create or replace.
    public struct Upsert: Hashable, Sendable {
        public var state: StoredWebhook
        public var managedBy: String?

        public init(state: StoredWebhook, managedBy: String?) {
            self.state = state
            self.managedBy = managedBy
        }
    }

    public var expectedLineage: String
    public var expectedSerial: Int64
    /// Each affected webhook's version when planned; `nil` when it was expected to be absent.
    public var expectedVersions: [String: Int64?]
    public var upserts: [Upsert]
    public var deletes: [String]
    /// The lease that must still be held when committing.
    public var lockID: String?
    /// The record of this apply; the store fills in the time and the new serial.
    public var log: ApplyLogEntry

    public init(
        expectedLineage: String, expectedSerial: Int64, expectedVersions: [String: Int64?], upserts: [Upsert],
        deletes: [String], lockID: String?, log: ApplyLogEntry
    ) {
        self.expectedLineage = expectedLineage
        self.expectedSerial = expectedSerial
        self.expectedVersions = expectedVersions
        self.upserts = upserts
        self.deletes = deletes
        self.lockID = lockID
        self.log = log
    }

    /// What moved between planning and now, given the store's lineage, serial and current versions.
    public func staleChanges(lineage: String, serial: Int64, versions: (String) -> Int64?) -> [StaleChange] {
        if lineage != expectedLineage { return [.lineage(planned: expectedLineage, current: lineage)] }
        var changes: [StaleChange] = []
        if serial != expectedSerial { changes.append(.serial(planned: expectedSerial, current: serial)) }
        for name in expectedVersions.keys.sorted() {
            let planned = expectedVersions[name] ?? nil
            let current = versions(name)
            if planned != current { changes.append(.object(name: name, planned: planned, current: current)) }
        }
        return changes
    }
}
