import Handlebars
import JSON
import Testing

@testable import TemplateLint

@Suite("The render proof's fast JSON check")
struct JSONCheckTests {
    static let valid = [
        #"{}"#, #"[]"#, #" {"a": [1, -2.5e+3, 0, 0.0, true, false, null, "x\"\\\/\b\f\n\r\tA"]} "#, #""s""#,
        "\n\t 12 \r\n", #"{"a": {"b": [{}, []]}}"#, #"["\u00e9\uFFFF"]"#, "[\"é 👩‍💻 \u{2028} ✓\"]",
    ]
    static let invalid = [
        "", " ", #"{"a": 1,}"#, "[1 2]", "[1,]", #"{"a" 1}"#, #"{a: 1}"#, "01", "1.", "-", "1e", ".5", "+1",
        "tru", "nul", "[\"\u{FFFD}\"]x", #""a"#, "\"a\u{1}\"", #""\x""#, #""\u12G4""#, "[", "{}}", "[] []", "NaN",
        "[1]x",
    ]
    /// Valid JSON the check leaves to the parser: it answers `false`, never `true`, for these.
    static let leftToTheParser = [
        #"["\ud83d\ude00"]"#, String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ]

    @Test func agreesWithTheParser() {
        for text in Self.valid {
            #expect(JSONCheck.certainlyValid(Array(text.utf8)), "\(text)")
            #expect((try? JSONValue(parsing: text)) != nil, "\(text)")
        }
        for text in Self.invalid {
            #expect(!JSONCheck.certainlyValid(Array(text.utf8)), "\(text)")
            #expect((try? JSONValue(parsing: text)) == nil, "\(text)")
        }
        for text in Self.leftToTheParser {
            #expect(!JSONCheck.certainlyValid(Array(text.utf8)), "\(text.prefix(20))")
        }
    }

    @Test func malformedUTF8InAStringIsRejected() {
        let malformed: [[UInt8]] = [
            [0xC3], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80],
            [0x80], [0xE2, 0x82],
        ]
        for bytes in malformed {
            let document = [0x22] + bytes + [0x22]
            #expect(!JSONCheck.certainlyValid(document), "\(bytes)")
            #expect((try? JSONValue(parsing: document)) == nil, "\(bytes)")
        }
        #expect(JSONCheck.certainlyValid([0x22, 0xF0, 0x9F, 0x91, 0xA9, 0xE2, 0x80, 0xA8, 0xC3, 0xA9, 0x22]))
    }

    /// Whatever the check accepts, the parser accepts: over every one-byte deletion, duplication and replacement of
    /// a realistic document.
    @Test func neverAcceptsWhatTheParserRejects() {
        let document = Array(
            #"{"a": [1, -2.5e+3, {"b": "x\"y\u0041"}, true, null], "c": {"d": []}, "e": 0.5}"#.utf8)
        let replacements = Array(#"{}[],:"\ 0-+.eEtfnu1"#.utf8) + [0x01, 0xC3]
        var variants: [[UInt8]] = []
        for index in document.indices {
            var deleted = document
            deleted.remove(at: index)
            var doubled = document
            doubled.insert(document[index], at: index)
            variants += [deleted, doubled]
            for byte in replacements {
                var replaced = document
                replaced[index] = byte
                variants.append(replaced)
            }
        }
        for bytes in variants where JSONCheck.certainlyValid(bytes) {
            #expect((try? JSONValue(parsing: bytes)) != nil, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }
}
