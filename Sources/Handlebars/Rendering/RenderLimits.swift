/// Bounds that keep a render from exhausting the runner; exceeding one is a ``TemplateError``.
public struct RenderLimits: Sendable, Hashable {
    /// Largest output, in bytes (default 1 MiB).
    public var maxOutputBytes: Int
    /// Most render steps: statements executed plus loop iterations (default 1,000,000).
    public var maxSteps: Int
    /// Deepest nesting of block invocations and of values written as JSON (default 256).
    public var maxDepth: Int

    public init(maxOutputBytes: Int = 1 << 20, maxSteps: Int = 1_000_000, maxDepth: Int = 256) {
        self.maxOutputBytes = maxOutputBytes
        self.maxSteps = maxSteps
        self.maxDepth = maxDepth
    }

    /// 1 MiB of output, a million steps, depth 256.
    public static let `default` = RenderLimits()
}
