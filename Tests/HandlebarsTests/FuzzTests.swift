import Handlebars
import JSON
import Testing

/// Seeded random templates and contexts: never a crash or a hang; every error carries a valid
/// position; JSON-shaped templates always render valid JSON in `json` mode.
@Suite struct FuzzTests {
    /// SplitMix64, so failures reproduce from the seed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    static let fragments = [
        "{{", "}}", "{{{", "}}}", "{{#if a}}", "{{/if}}", "{{#each list}}", "{{/each}}", "{{else}}", "{{^}}",
        "{{#with o}}", "{{/with}}", "{{a}}", "{{o.b}}", "{{../a}}", "{{@index}}", "{{@key}}", "{{@root.a}}",
        "{{this}}", "{{!c}}", "{{!-- c --}}", "{{~a~}}", "\\{{a}}", "{{{{raw}}}}", "{{{{/raw}}}}", "{{lookup o \"b\"}}",
        "{{eq a 1}}", "(", ")", "{{upper (lower s)}}", "{{#each list as |x i|}}{{x}}{{i}}", "{{else if a}}", "\"", "\\",
        "\n", "\r\n", "  ", "text", "é𝄞", "{{> p}}", "{{* d}}", "[", "]", "{{[a b]}}", "=", "{{date n}}", "{{json o}}",
        "{{#unless a}}", "{{/unless}}", "{{a.length}}", "{{#a}}", "{{/a}}", "{{\"s\"}}", "{{1}}", "{{true}}", "|", "~",
    ]

    static func randomValue(_ generator: inout Generator, depth: Int = 0) -> JSONValue {
        switch generator.below(depth > 3 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(generator.below(2) == 0)
        case 2: return .number(generator.pick([0, -0.0, 1, 1.5, 1e21, 1e-7, 1696263265.851898, -42]))
        case 3: return .string(generator.pick(["", "x", "\"", "\\", "</script>", "\u{2028}", "{{a}}", "é𝄞\n"]))
        case 4: return .string(String(repeating: "ab\"", count: generator.below(50)))
        case 5: return .array((0..<generator.below(4)).map { _ in randomValue(&generator, depth: depth + 1) })
        default:
            var members: [(key: String, value: JSONValue)] = []
            for key in ["a", "b", "list", "o", "s", "n", "1"] where generator.below(2) == 0 {
                members.append((key, randomValue(&generator, depth: depth + 1)))
            }
            return .object(JSONObject(members: members))
        }
    }

    static let limits = RenderLimits(maxOutputBytes: 64 * 1024, maxSteps: 20_000, maxDepth: 64)

    @Test func randomTemplatesNeverCrash() {
        var generator = Generator(state: 0x5EED_0001)
        var compiled = 0
        for _ in 0..<2000 {
            let template = (0..<generator.below(12)).map { _ in generator.pick(Self.fragments) }.joined()
            let lineCount = template.unicodeScalars.filter { $0 == "\n" }.count + 1
            let context = Self.randomValue(&generator)
            for mode in EscapeMode.allCases {
                do {
                    let compiledTemplate = try Template(template, escape: mode)
                    compiled += 1
                    _ = try compiledTemplate.render(context, limits: Self.limits)
                } catch {
                    #expect(error.line >= 1 && error.column >= 1, "\(template.debugDescription): \(error)")
                    #expect(error.line <= lineCount, "\(template.debugDescription): \(error)")
                    #expect(!error.message.isEmpty)
                }
            }
        }
        #expect(compiled > 500)
    }

    static let jsonSkeletons = [
        #"{"s": "{{PATH}}", "v": {{PATH}} }"#,
        #"[{{#each list}}{"i": {{@index}}, "x": "{{this}}", "y": {{this}} }{{#unless @last}},{{/unless}}{{/each}}]"#,
        #"{"o": {{#with o}}{"a": "{{a}}", "b": {{b}} }{{else}}null{{/with}} }"#,
        #"{"t": "{{#if a}}{{PATH}}{{else}}none{{/if}} and {{PATH}}", "n": {{#if n}}{{n}}{{else}}0{{/if}} }"#,
        #"{"k": {{json PATH}}, "ks": "{{json PATH}}", "u": "{{upper s}}", "l": {{len list}} }"#,
        #"{"e": {{eq a b}}, "d": {{default PATH "x"}}, "j": "{{join list "\","}}" }"#,
        #"{"keys": [{{#each o}}"{{@key}}"{{#unless @last}},{{/unless}}{{/each}}], "r": "{{@root.s}}" }"#,
    ]
    static let paths = ["a", "b", "s", "o", "o.a", "o.b", "list", "list.length", "list.[0]", "missing", "n", "this"]

    @Test func jsonShapedTemplatesAlwaysRenderValidJSON() throws {
        var generator = Generator(state: 0x5EED_0002)
        for _ in 0..<2000 {
            var source = generator.pick(Self.jsonSkeletons)
            while let range = source.firstRange(of: "PATH") {
                source.replaceSubrange(range, with: generator.pick(Self.paths))
            }
            let template = try Template(source)
            let context = Self.randomValue(&generator, depth: 4).merged(with: Self.randomValue(&generator))
            let bytes: [UInt8]
            do {
                bytes = try template.render(context, limits: Self.limits)
            } catch {
                // Helpers may reject arguments (len of a number): a positioned error, never bad JSON.
                #expect(error.isRenderError && error.line >= 1, "\(source): \(error)")
                continue
            }
            #expect(throws: Never.self, "\(source) over \(context)") { _ = try JSONValue(parsing: bytes) }
        }
    }
}

extension JSONValue {
    /// Ensures an object context with some well-known keys, so skeleton paths usually resolve.
    func merged(with other: JSONValue) -> JSONValue {
        var object = JSONObject()
        for key in ["a", "b", "s", "o", "list", "n"] {
            object[key] = self[key] ?? other[key] ?? (key == "list" ? [1, "x"] : key == "o" ? ["a": "\""] : other)
        }
        return .object(object)
    }
}
