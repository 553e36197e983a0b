import JSON
import Testing

@Suite struct JSONValueTests {
    @Test func parsesAndSerializesCompactly() throws {
        let text =
            #" { "b" : [1, 2.5, -0, 1e21, 1E-7, true, false, null], "a": "x\u00e9\n\"\\\/\ud834\udd1e", "o": {} } "#
        let value = try JSONValue(parsing: text)
        #expect(value.jsonText == #"{"b":[1,2.5,0,1e+21,1e-7,true,false,null],"a":"xé\n\"\\/𝄞","o":{}}"#)
        #expect(try JSONValue(parsing: value.serialized()) == value)
    }

    @Test func prettyTextIndentsByTwoAndWritesEmptyContainersOnOneLine() throws {
        let value = try JSONValue(parsing: #"{"ids": [], "o": {}, "a": [1, {"b": []}]}"#)
        #expect(
            value.prettyText(sortingKeys: false)
                == "{\n  \"ids\" : [],\n  \"o\" : {},\n  \"a\" : [\n    1,\n    {\n      \"b\" : []\n    }\n  ]\n}")
        #expect(try JSONValue(parsing: "[]").prettyText() == "[]")
    }

    @Test func keepsInsertionOrderAndLastDuplicate() throws {
        guard case .object(let object) = try JSONValue(parsing: #"{"z": 1, "a": 2, "z": 3}"#) else {
            Issue.record("not an object")
            return
        }
        #expect(object.keys == ["z", "a"])
        #expect(object["z"] == 3)
    }

    @Test func strictParsingRefusesARepeatedKeyAndAnInfiniteNumber() throws {
        // What JSON.parse takes (the last value wins; 1e999 is Infinity) is an error where hookctl takes a document in.
        #expect(throws: Never.self) { try JSONValue(parsing: #"{"a": 1e999, "a": 2}"#) }
        let repeated = #expect(throws: JSONParseError.self) {
            try JSONValue(parsing: Array(#"{"a": {"b": 1, "b": 2}}"#.utf8), strict: true)
        }
        #expect(repeated?.message.contains(#"the key "b" is written twice"#) == true, "\(String(describing: repeated))")
        #expect(repeated?.column == 16, "at the repeated key")
        let infinite = #expect(throws: JSONParseError.self) {
            try JSONValue(parsing: Array(#"[1, -1e999]"#.utf8), strict: true)
        }
        #expect(infinite?.message.contains("too large") == true)
        #expect(infinite?.column == 5)
        #expect(try JSONValue(parsing: Array(#"{"a": 1e308, "b": {"a": 1}}"#.utf8), strict: true)["b"]?["a"] == 1)
    }

    @Test func largeObjectsLookUpEveryKey() throws {
        var members: [(key: String, value: JSONValue)] = []
        for index in 0..<200 { members.append(("k\(index)", .number(Double(index)))) }
        let object = JSONObject(members: members)
        for index in 0..<200 { #expect(object["k\(index)"] == .number(Double(index))) }
        #expect(object["missing"] == nil)
    }

    @Test func numbersParseExactly() throws {
        for text in [
            "0", "-0", "1696263265.851898000", "0.1", "123456789012345678901234567890", "5e-324",
            "1.7976931348623157e308", "2.2250738585072014e-308",
        ] {
            #expect(try JSONValue(parsing: text) == .number(Double(text)!), "\(text)")
        }
    }

    static let invalid: [(text: String, line: Int, column: Int, fragment: String)] = [
        ("", 1, 1, "expected a value"),
        ("{\"a\": 1,}", 1, 9, "expected a string key"),
        ("[1 2]", 1, 4, "expected ',' or ']'"),
        ("{\n  \"a\": tru }", 2, 8, "expected 'true'"),
        ("01", 1, 1, "invalid number"),
        ("1.", 1, 1, "invalid number"),
        ("\"a\nb\"", 1, 3, "control character"),
        ("\"\\x\"", 1, 2, "invalid escape"),
        ("\"\\ud800\"", 1, 8, "lone surrogate"),
        ("[1] x", 1, 5, "after the JSON value"),
        ("{\"é\": [1, @]}", 1, 11, "unexpected '@'"),
        ("NaN", 1, 1, "expected a value"),
    ]

    @Test(arguments: 0..<invalid.count)
    func rejectsInvalidJSONWithPosition(_ index: Int) {
        let testCase = Self.invalid[index]
        #expect {
            _ = try JSONValue(parsing: testCase.text)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.line == testCase.line && error.column == testCase.column
                && error.message.contains(testCase.fragment)
        }
    }

    @Test func stringBytesAreValidatedOnlyAsUTF8() throws {
        // ASCII, then valid two- and four-byte sequences, with and without an escape in the same string.
        #expect(try JSONValue(parsing: Array(#"["ab", "x\u00e9"]"#.utf8)) == ["ab", "xé"])
        #expect(try JSONValue(parsing: [0x22, 0xC3, 0xA9, 0xF0, 0x9D, 0x84, 0x9E, 0x22]) == "é𝄞")
        #expect(try JSONValue(parsing: [0x22, 0xC3, 0xA9, 0x5C, 0x6E, 0x22]) == "é\n")
        // A truncated sequence, a lone continuation byte and an overlong form are refused where the string starts.
        for bytes: [UInt8] in [[0x5B, 0x22, 0xC3, 0x22, 0x5D], [0x22, 0x41, 0x80, 0x22], [0x22, 0xC0, 0xAF, 0x22]] {
            #expect {
                _ = try JSONValue(parsing: bytes)
            } throws: { error in
                (error as? JSONParseError)?.message.contains("invalid UTF-8") == true
            }
        }
    }

    @Test func depthIsLimited() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: deep) }
        #expect(throws: Never.self) { try JSONValue(parsing: deep, maxDepth: 1000) }
        let hostile = String(repeating: "[", count: 200_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: hostile) }
    }

    @Test func escapesSeparatorsAndControls() {
        let value: JSONValue = ["s": "\u{2028}\u{2029}\u{1}\u{1F}\t"]
        #expect(value.jsonText == #"{"s":"\u2028\u2029\u0001\u001f\t"}"#)
        #expect(JSONValue.number(.nan).jsonText == "null")
    }
}
