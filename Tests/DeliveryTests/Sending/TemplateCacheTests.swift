import Handlebars
import Testing

@testable import Delivery

/// Body templates are compiled once per source and escape mode.
@Suite struct TemplateCacheTests {
    @Test func aTemplateIsCompiledOncePerSourceAndMode() throws {
        let cache = TemplateCache(capacity: 2)
        #expect(try cache.template(#"{"id": "{{id}}"}"#, escape: .json).escape == .json)
        #expect(try cache.template(#"{"id": "{{id}}"}"#, escape: .json).escape == .json)
        #expect(cache.count == 1)
        #expect(try cache.template(#"{"id": "{{id}}"}"#, escape: .html).escape == .html)
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
