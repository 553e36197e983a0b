import Testing
import WebhookModel

/// The one constant-time token comparison.
@Suite struct TokenMatchTests {
    @Test func onlyTheExactTokenMatches() {
        let token = TokenMatch("s3cret")
        #expect(token.matches("s3cret"))
        #expect(token.matches("Bearer s3cret".dropFirst(7)), "a substring is compared by its own bytes")
        for wrong in ["", "s3cre", "s3cret!", "S3cret", "s3cret s3cret", "x3cret"] {
            #expect(!token.matches(wrong), "\(wrong)")
        }
    }

    @Test func anEmptyExpectedTokenMatchesNothing() {
        #expect(!TokenMatch("").matches(""))
        #expect(!TokenMatch.equal(given: [UInt8](), expected: []))
    }

    @Test func bytesAreComparedWhole() {
        #expect(TokenMatch.equal(given: Array("v1,abc".utf8), expected: Array("v1,abc".utf8)))
        #expect(!TokenMatch.equal(given: Array("v1,abd".utf8), expected: Array("v1,abc".utf8)))
        #expect(!TokenMatch.equal(given: Array("v1,abcv1,abc".utf8), expected: Array("v1,abc".utf8)))
    }
}
