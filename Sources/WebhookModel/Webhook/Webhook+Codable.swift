extension Webhook {
    enum CodingKeys: String, CodingKey {
        case name, active, method, url, headers, auth, triggers, body, bodyFile, escape, timeout, retry, signing
        case protect, filter, ordered
    }

    /// Decodes a stored webhook; a field added after a store was written (`filter`, `ordered`) takes its default when
    /// absent,
    /// so stores written by an earlier hookctl keep reading.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decode(String.self, forKey: .name), active: try c.decode(Bool.self, forKey: .active),
            method: try c.decode(HTTPMethod.self, forKey: .method), url: try c.decode(String.self, forKey: .url),
            headers: try c.decode([Header].self, forKey: .headers), auth: try c.decode(Auth.self, forKey: .auth),
            triggers: try c.decode([Trigger].self, forKey: .triggers), body: try c.decode(String.self, forKey: .body),
            bodyFile: try c.decodeIfPresent(String.self, forKey: .bodyFile),
            escape: try c.decode(Escape.self, forKey: .escape), timeout: try c.decode(Duration.self, forKey: .timeout),
            retry: try c.decode(RetryPolicy.self, forKey: .retry),
            signing: try c.decodeIfPresent(Signing.self, forKey: .signing),
            protect: try c.decode(Bool.self, forKey: .protect),
            filter: try c.decodeIfPresent(Filter.self, forKey: .filter),
            ordered: try c.decodeIfPresent(Bool.self, forKey: .ordered) ?? false)
    }
}
