import Testing

@testable import Runner

@Suite struct BearerTokenTests {
    @Test func acceptsOnlyTheExactTokenAfterBearer() {
        let token = BearerToken("s3cret-token")
        #expect(token.accepts("Bearer s3cret-token"))
        #expect(token.accepts("bearer s3cret-token"), "the scheme is case-insensitive")
        for wrong in [nil, "", "Bearer", "Bearer ", "Bearer s3cret-toke", "Bearer s3cret-token2", "Basic s3cret-token"]
        {
            #expect(!token.accepts(wrong), "\(wrong ?? "nil")")
        }
    }

    @Test func anEmptyTokenAcceptsNothingAndDoesNotCrash() {
        let token = BearerToken("")
        for header in ["Bearer x", "Bearer ", "Bearer xyzzy-longer-than-nothing"] {
            #expect(!token.accepts(header), "\(header)")
        }
    }
}
