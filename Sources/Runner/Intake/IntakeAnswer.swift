public import JSON

/// What the intake answers: a status, extra headers and a JSON body that says what happened or what was wrong.
public struct IntakeAnswer: Hashable, Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: JSONValue

    public init(status: Int, headers: [String: String] = [:], body: JSONValue) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// An error answer: `{"error": message, …details}`.
    static func error(
        _ status: Int, _ message: String, details: [(key: String, value: JSONValue)] = [],
        headers: [String: String] = [:]
    ) -> IntakeAnswer {
        IntakeAnswer(
            status: status, headers: headers,
            body: .object(JSONObject(members: [("error", .string(message))] + details)))
    }
}
