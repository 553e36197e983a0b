import Testing

@testable import Declarations

@Suite("Punycode (RFC 3492), for xn-- labels in webhook URLs")
struct PunycodeTests {
    /// RFC 3492 section 7.1's samples and everyday names, decoded to what they stand for.
    @Test(arguments: [
        ("mnchen-3ya", "münchen"),
        ("bcher-kva", "bücher"),
        ("p1ai", "рф"),
        ("ihqwcrb4cv8a8dqg056pqjye", "他们为什么不说中文"),
        ("egbpdaj6bu4bxfgehfvwxn", "ليهمابتكلموشعربي؟"),
        ("-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n", "安室奈美恵-with-SUPER-MONKEYS"),
    ])
    func decodes(encoded: String, expected: String) {
        let decoded = Punycode.decode(Substring(encoded))
        #expect(decoded == expected.unicodeScalars.map(\.value))
    }

    @Test func refusesWhatNoNameEncodesTo() {
        #expect(!Punycode.isValidALabel("xn--a"), "decodes to U+0080, a control character")
        #expect(Punycode.decode("99999999999999999999") == nil, "overflows")
        #expect(Punycode.decode("ab-c_") == nil, "_ is not a digit")
        #expect(Punycode.isValidALabel("xn--mnchen-3ya"))
    }
}
