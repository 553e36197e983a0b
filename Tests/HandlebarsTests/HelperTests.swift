import Handlebars
import JSON
import Testing

@Suite struct HelperTests {
    func render(_ template: String, _ context: JSONValue = [:], escape: EscapeMode = .none) throws -> String {
        try Template(template, escape: escape).renderString(context)
    }

    @Test func comparisonAndLogic() throws {
        let context: JSONValue = ["a": 1, "b": 2, "s": "x", "t": "y", "z": 0, "list": [1]]
        #expect(
            try render("{{eq a 1}} {{eq s \"x\"}} {{ne a b}} {{eq list list}} {{eq a s}}", context)
                == "true true true true false")
        #expect(try render("{{lt a b}} {{gt a b}} {{lt s t}} {{lt a s}}", context) == "true false true false")
        #expect(
            try render("{{and a s}} {{and a z}} {{or z a}} {{or z missing}} {{not z}} {{not list}}", context)
                == "true false true false true false")
        #expect(try render("{{#if (and (eq a 1) (not z))}}yes{{/if}}", context) == "yes")
    }

    @Test func stringsAndCollections() throws {
        let context: JSONValue = ["s": "Héllo", "list": ["a", 1, nil, true], "o": ["k": 1, "l": 2], "e": ""]
        #expect(try render("{{upper s}}|{{lower s}}", context) == "HÉLLO|héllo")
        #expect(try render("{{join list}}|{{join list \" - \"}}", context) == "a,1,,true|a - 1 -  - true")
        #expect(try render("{{len list}} {{len s}} {{len o}} {{len missing}}", context) == "4 5 2 0")
        #expect(
            try render("{{default e \"fallback\"}} {{default missing 3}} {{default s \"x\"}}", context)
                == "fallback 3 Héllo")
        #expect(try render("{{json o}}", context) == #"{"k":1,"l":2}"#)
        #expect(try render("{{json o}}", context, escape: .html) == "{&quot;k&quot;:1,&quot;l&quot;:2}")
    }

    @Test func dates() throws {
        let context: JSONValue = ["t": 1696263265.851898, "neg": -1.5, "leap": 951782400, "y2k": 946684799.999]
        #expect(try render("{{date t}}", context) == "2023-10-02T16:14:25.851Z")
        #expect(try render("{{date t \"unix\"}} {{date t \"unix_ms\"}}", context) == "1696263265 1696263265851")
        #expect(try render("{{date neg}}", context) == "1969-12-31T23:59:58.500Z")
        #expect(
            try render("{{date leap \"%Y-%m-%d %j %a %A %b %B %u %w\"}}", context)
                == "2000-02-29 060 Tue Tuesday Feb February 2 2")
        #expect(
            try render("{{date y2k \"%F %T.%L %I%p %y %e %Z %z %s %%\"}}", context)
                == "1999-12-31 23:59:59.999 11PM 99 31 UTC +0000 946684799 %")
        #expect(try render("[{{date missing}}]", context) == "[]")
        #expect(try Template(#"{"d": {{date missing}} }"#).renderString(context) == #"{"d": null }"#)
        #expect(try Template(#"{"d": {{date t "unix"}} }"#).renderString(context) == #"{"d": 1696263265 }"#)
    }

    @Test func helperFailuresArePositioned() {
        #expect {
            _ = try Template("line\n  {{date s}}").render(["s": "yesterday"])
        } throws: { error in
            guard let error = error as? TemplateError else { return false }
            return error.line == 2 && error.column == 5 && error.message.contains("date")
                && error.message.contains("epoch seconds")
        }
        #expect(throws: TemplateError.self) { try Template("{{date t \"%Q\"}}").render(["t": 0]) }
        #expect(throws: TemplateError.self) { try Template("{{len n}}").render(["n": 1]) }
    }

    @Test func registryIsIntrospectable() {
        let names = HelperRegistry.standard.helpers.map(\.name)
        for name in [
            "if", "unless", "each", "with", "lookup", "log", "raw", "json", "eq", "ne", "lt", "gt", "and", "or",
            "not", "default", "join", "upper", "lower", "len", "date",
        ] {
            #expect(names.contains(name), "\(name)")
        }
        let each = HelperRegistry.standard["each"]
        #expect(each?.signature.block == .required)
        #expect(each?.signature.arityDescription == "exactly 1 argument")
        #expect(HelperRegistry.standard["if"]?.signature.hashKeys == ["includeZero"])
        #expect(HelperRegistry.standard["and"]?.signature.maxArguments == nil)
        #expect(HelperRegistry.handlebars["eq"] == nil)
    }

    @Test func customHelpers() throws {
        var registry = HelperRegistry.standard
        registry.register("shout", signature: HelperSignature(minArguments: 1, maxArguments: 1, summary: "Loud.")) {
            arguments throws(HelperError) in
            guard case .string(let text) = arguments[0] else { throw HelperError("expects a string") }
            return .string(text.uppercased() + "!")
        }
        let template = try Template(#"{"m": "{{shout s}}"}"#, helpers: registry)
        #expect(try template.renderString(["s": "hi"]) == #"{"m": "HI!"}"#)
        #expect(throws: TemplateError.self) { try Template("{{shout}}", helpers: registry) }
        #expect(throws: TemplateError.self) { try Template("{{shout s}}") }
    }
}
