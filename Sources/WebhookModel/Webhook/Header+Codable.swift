extension Header: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, value, markedSensitive
    }

    /// Stores written before `sensitive_headers` existed have no `markedSensitive`; it is written only when set,
    /// so the stored form of every other header is unchanged.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        value = try container.decode(SecretValue.self, forKey: .value)
        markedSensitive = try container.decodeIfPresent(Bool.self, forKey: .markedSensitive) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(value, forKey: .value)
        if markedSensitive { try container.encode(true, forKey: .markedSensitive) }
    }
}
