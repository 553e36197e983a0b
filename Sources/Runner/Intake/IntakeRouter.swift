import Hummingbird
import JSON
import NIOCore

/// The intake's HTTP face: `POST /v1/events`, `POST /v1/events/batch`, `GET /healthz`, `GET /openapi.json`, every
/// answer JSON; and `GET /metrics` in Prometheus text.
enum IntakeRouter {
    enum Kind { case one, batch }

    static func make(intake: EventIntake, token: String, metrics: RunnerMetrics) -> Router<BasicRequestContext> {
        // HEAD of every GET path, as HTTP asks of a general-purpose server: the GET's headers, no body.
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.middlewares.add(IntakeResponseCounter(metrics: metrics))
        router.middlewares.add(AllowedMethods())
        let bearer = BearerToken(token)
        router.post("/v1/events") { request, _ in await answer(request, .one, intake: intake, bearer: bearer) }
        router.post("/v1/events/batch") { request, _ in await answer(request, .batch, intake: intake, bearer: bearer) }
        router.get("/healthz") { _, _ in response(IntakeAnswer(status: 200, body: ["status": "ok"])) }
        router.get("/openapi.json") { _, _ in response(IntakeAnswer(status: 200, body: IntakeOpenAPI.document)) }
        // No token: scrapers read metrics without the intake's write credential (see README, "Metrics").
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: RunnerMetrics.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.render())))
        }
        return router
    }

    static func answer(_ request: Request, _ kind: Kind, intake: EventIntake, bearer: BearerToken) async -> Response {
        guard bearer.accepts(request.headers[.authorization]) else {
            return response(
                .error(
                    401, "a valid ingest token is required: Authorization: Bearer TOKEN (HOOKCTL_INGEST_TOKEN)",
                    headers: ["WWW-Authenticate": "Bearer"]))
        }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard mediaType == "application/json" || mediaType.hasSuffix("+json") else {
            return response(
                .error(
                    415,
                    "the body must be JSON (Content-Type: application/json), not \(contentType.isEmpty ? "untyped" : contentType)"
                ))
        }
        let limit = RunnerConfiguration.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            return response(.error(413, "the body is \(length) bytes; the intake takes at most \(limit) (1 MiB)"))
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch {
            return response(.error(413, "the body is larger than the intake takes: at most \(limit) bytes (1 MiB)"))
        }
        let bytes = Array(body.readableBytesView)
        switch kind {
        case .one:
            let keys = request.headers[values: .init("Idempotency-Key")!]
            guard keys.count <= 1 else {
                return response(
                    .error(400, "Idempotency-Key is given \(keys.count) times; send one key, or none"))
            }
            return response(await intake.acceptOne(bytes, idempotencyKey: keys.first))
        case .batch: return response(await intake.acceptBatch(bytes))
        }
    }

    static func response(_ answer: IntakeAnswer) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        for (name, value) in answer.headers { headers[.init(name)!] = value }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body.serialized() + [0x0A])))
    }
}

/// Answers 405 with `Allow` for any method but the one each intake path takes (and HEAD where it takes GET), before
/// routing (so methods the router has never heard of, like QUERY, get a 405 too), and a JSON 404 for a path the
/// intake does not serve.
struct AllowedMethods: RouterMiddleware {
    typealias Context = BasicRequestContext

    static let methods: [String: HTTPRequest.Method] = [
        "/v1/events": .post, "/v1/events/batch": .post, "/healthz": .get, "/openapi.json": .get, "/metrics": .get,
    ]

    /// What the intake serves, for a 404's message.
    static let served =
        "the intake serves "
        + methods.sorted { $0.key < $1.key }.map { "\($0.value.rawValue) \($0.key)" }.joined(separator: ", ")

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let allowed = Self.methods[request.uri.path], request.method != allowed,
            !(allowed == .get && request.method == .head)
        {
            return IntakeRouter.response(
                .error(
                    405, "\(request.method.rawValue) is not allowed on \(request.uri.path); use \(allowed.rawValue)",
                    headers: ["Allow": allowed == .get ? "GET, HEAD" : allowed.rawValue]))
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            // No route (the console's, when mounted, answer their own 404s): the router's empty 404, said in JSON.
            return IntakeRouter.response(.error(404, "there is nothing at \(request.uri.path); \(Self.served)"))
        }
    }
}
