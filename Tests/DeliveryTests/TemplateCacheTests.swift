import Handlebars
import JSON
import Testing

@testable import Delivery

/// Body templates are compiled once per source and escape mode.
@Suite struct TemplateCacheTests {
    @Test func aTemplateIsCompiledOncePerSourceAndMode() throws {
        let cache = TemplateCache(capacity: 2)
        let event: JSONValue = ["id": "a\"b"]
        #expect(try cache.template(#"{"id": "{{id}}"}"#, escape: .json).renderString(event) == #"{"id": "a\"b"}"#)
        #expect(try cache.template(#"{"id": "{{id}}"}"#, escape: .json).renderString(event) == #"{"id": "a\"b"}"#)
        #expect(cache.count == 1)
        #expect(try cache.template(#"{"id": "{{id}}"}"#, escape: .html).renderString(event) == #"{"id": "a&quot;b"}"#)
        #expect(cache.count == 2)
        // Full: it starts over rather than growing.
        _ = try cache.template("{}", escape: .json)
        #expect(cache.count == 1)
    }

    @Test func aTemplateThatDoesNotCompileIsNotCachedAndFailsEveryTime() {
        let cache = TemplateCache()
        for _ in 0..<2 {
            #expect(throws: TemplateError.self) { try cache.template("{{#if x}}", escape: .json) }
        }
        #expect(cache.count == 0)
    }
}
