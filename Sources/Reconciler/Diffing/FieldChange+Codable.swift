extension FieldChange: Codable {
    private enum CodingKeys: String, CodingKey {
        case path, old, new, sensitiveValueChanged, sealsPlainText, lines, rendered
    }

    /// `sealsPlainText` is written only when set, so plan files without it read and digest as before.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        old = try container.decodeIfPresent(String.self, forKey: .old)
        new = try container.decodeIfPresent(String.self, forKey: .new)
        sensitiveValueChanged = try container.decode(Bool.self, forKey: .sensitiveValueChanged)
        sealsPlainText = try container.decodeIfPresent(Bool.self, forKey: .sealsPlainText) ?? false
        lines = try container.decodeIfPresent([DiffLine].self, forKey: .lines)
        rendered = try container.decodeIfPresent([FieldChange].self, forKey: .rendered)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encodeIfPresent(old, forKey: .old)
        try container.encodeIfPresent(new, forKey: .new)
        try container.encode(sensitiveValueChanged, forKey: .sensitiveValueChanged)
        if sealsPlainText { try container.encode(true, forKey: .sealsPlainText) }
        try container.encodeIfPresent(lines, forKey: .lines)
        try container.encodeIfPresent(rendered, forKey: .rendered)
    }
}
