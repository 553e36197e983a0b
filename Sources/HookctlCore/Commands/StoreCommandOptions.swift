/// The options of the operating commands (`list`, `enable`, `disable`, `log`): which store, which set.
public struct StoreCommandOptions: Sendable {
    public var store: String?
    public var setName: String?
    public var currentDirectory: String?

    public init(store: String? = nil, setName: String? = nil, currentDirectory: String? = nil) {
        self.store = store
        self.setName = setName
        self.currentDirectory = currentDirectory
    }
}
