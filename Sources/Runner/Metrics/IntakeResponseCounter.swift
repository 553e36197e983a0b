import Hummingbird

/// Counts the intake's answers by status (`hookctl_intake_responses_total`), before any other middleware, so the
/// 405s that `AllowedMethods` gives are counted too.
struct IntakeResponseCounter: RouterMiddleware {
    typealias Context = BasicRequestContext
    let metrics: RunnerMetrics

    static let paths: Set<String> = ["/v1/events", "/v1/events/batch"]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard Self.paths.contains(request.uri.path) else { return try await next(request, context) }
        let response = try await next(request, context)
        metrics.intakeResponse(status: response.status.code)
        return response
    }
}
