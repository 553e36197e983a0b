/// What `hookctl export` and `hookctl import` read and where they write.
public struct ExportOptions: Sendable {
    public var store: String?
    public var setName: String?
    public var currentDirectory: String?
    /// A folder to write one `NAME.yaml` per webhook into; `nil` prints to standard output (for `export`).
    public var out: String?

    public init(store: String? = nil, setName: String? = nil, currentDirectory: String? = nil, out: String? = nil) {
        self.store = store
        self.setName = setName
        self.currentDirectory = currentDirectory
        self.out = out
    }
}
