/// The stored form, as in the store's documents, plan files and the SQLite `filter` column:
/// `{"all": [{"condition": "integration_type", "values": ["Postgresql"]}, {"path": "data.requester.id", "values":
/// ["user-1"]}], "none": […]}`.
extension Filter: Codable {
    private enum CodingKeys: String, CodingKey { case all, none }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        all = try container.decodeIfPresent([Condition].self, forKey: .all) ?? []
        none = try container.decodeIfPresent([Condition].self, forKey: .none) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(all, forKey: .all)
        try container.encode(none, forKey: .none)
    }
}

extension Filter.Condition: Codable {
    private enum CodingKeys: String, CodingKey { case condition, path, values }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        values = try container.decode([String].self, forKey: .values)
        if let name = try container.decodeIfPresent(String.self, forKey: .condition) {
            guard let named = Filter.NamedField(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .condition, in: container, debugDescription: "unknown filter condition \(name)")
            }
            field = .named(named)
        } else {
            field = .path(try container.decode(String.self, forKey: .path))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch field {
        case .named(let named): try container.encode(named.rawValue, forKey: .condition)
        case .path(let path): try container.encode(path, forKey: .path)
        }
        try container.encode(values, forKey: .values)
    }
}
