import Handlebars

/// Compiled body templates by source and escape mode, so a webhook's template is parsed and compiled once, not for
/// every send (compiling the 30-line benchmark body cost more than rendering and sending it). Holds at most
/// `capacity` templates; when full it starts over, which only costs compiling again.
public final class TemplateCache: Sendable {
    struct Key: Hashable, Sendable {
        var source: String
        var escape: EscapeMode
    }

    private let templates: BoundedCache<Key, Template>

    public init(capacity: Int = 256) {
        templates = BoundedCache(capacity: capacity)
    }

    /// The compiled template for `source` in `escape` mode, compiled now if it is not cached. A template that does
    /// not compile is not cached: its error is thrown every time.
    func template(_ source: String, escape: EscapeMode) throws(TemplateError) -> Template {
        try templates.value(Key(source: source, escape: escape)) { () throws(TemplateError) in
            try Template(source, escape: escape)
        }
    }

    /// How many templates are cached, for tests.
    var count: Int { templates.count }
}
