import Handlebars
import Synchronization

/// Compiled body templates by source and escape mode, so a webhook's template is parsed and compiled once, not for
/// every send (compiling the 30-line benchmark body cost more than rendering and sending it). Holds at most
/// `capacity` templates; when full it starts over, which only costs compiling again.
public final class TemplateCache: Sendable {
    struct Key: Hashable {
        var source: String
        var escape: EscapeMode
    }

    private let templates = Mutex<[Key: Template]>([:])
    let capacity: Int

    public init(capacity: Int = 256) {
        self.capacity = max(1, capacity)
    }

    /// The compiled template for `source` in `escape` mode, compiled now if it is not cached. A template that does
    /// not compile is not cached: its error is thrown every time.
    func template(_ source: String, escape: EscapeMode) throws(TemplateError) -> Template {
        let key = Key(source: source, escape: escape)
        if let cached = templates.withLock({ $0[key] }) { return cached }
        let compiled = try Template(source, escape: escape)
        templates.withLock {
            if $0.count >= capacity { $0.removeAll(keepingCapacity: true) }
            $0[key] = compiled
        }
        return compiled
    }

    /// How many templates are cached, for tests.
    var count: Int { templates.withLock { $0.count } }
}
