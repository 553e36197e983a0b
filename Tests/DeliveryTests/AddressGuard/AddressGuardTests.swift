import Testing
import WebhookModel

@testable import Delivery

@Suite struct AddressGuardTests {
    static let resolver = StaticResolver([
        "hooks.example.com": [IPAddress("93.184.216.34")!, IPAddress("2606:2800:220:1::1")!],
        "mixed.example.com": [IPAddress("93.184.216.34")!, IPAddress("10.0.0.5")!],
        "mixed6.example.com": [IPAddress("2606:2800:220:1::1")!, IPAddress("fd00::1")!],
        "rebind.example.com": [IPAddress("127.0.0.1")!],
        "metadata.example.com": [IPAddress("169.254.169.254")!],
        "mapped.example.com": [IPAddress("::ffff:10.1.2.3")!],
        "localhost": [IPAddress("127.0.0.1")!, IPAddress("::1")!],
    ])

    func check(_ url: String, allow: [String] = []) async throws -> Result<CheckedTarget, GuardRefusal> {
        await AddressGuard(resolver: Self.resolver, allowList: try TargetAllowList(allow)).check(url)
    }

    @Test func publicNameConnectsToTheFirstCheckedAddress() async throws {
        let target = try await check("https://hooks.example.com/in").get()
        #expect(target.address == IPAddress("93.184.216.34"))
        #expect(target.url.host == "hooks.example.com")
        #expect(!target.isAllowListed)
    }

    @Test func oneNonPublicAddressAmongSeveralRefusesTheName() async throws {
        let refusal = try #require(try await check("https://mixed.example.com/").failure)
        #expect(refusal.description == "target mixed.example.com resolves to 10.0.0.5, a private address")
        let v6 = try #require(try await check("https://mixed6.example.com/").failure)
        #expect(v6.description == "target mixed6.example.com resolves to fd00::1, a private address")
    }

    @Test(arguments: [
        ("https://rebind.example.com/", "127.0.0.1, a loopback address"),
        ("https://metadata.example.com/", "169.254.169.254, a cloud metadata address"),
        ("https://mapped.example.com/", "::ffff:a01:203, a private address"),
        ("https://localhost/", "127.0.0.1, a loopback address"),
    ])
    func namesResolvingToInternalAddressesAreRefused(url: String, phrase: String) async throws {
        let refusal = try #require(try await check(url).failure)
        #expect(refusal.description.hasSuffix("resolves to \(phrase)"))
    }

    @Test(arguments: [
        ("https://10.0.0.5/", "target 10.0.0.5 is a private address"),
        ("https://127.0.0.1/", "target 127.0.0.1 is a loopback address"),
        ("https://127.1/", "target 127.0.0.1 is a loopback address"),
        ("https://2130706433/", "target 127.0.0.1 is a loopback address"),
        ("https://0x7f.0.0.1/", "target 127.0.0.1 is a loopback address"),
        ("https://0.0.0.0/", "target 0.0.0.0 is an unspecified address"),
        ("https://100.64.1.1/", "target 100.64.1.1 is a carrier-grade NAT (100.64.0.0/10) address"),
        ("https://169.254.10.1/", "target 169.254.10.1 is a link-local address"),
        ("https://169.254.169.254/latest/meta-data", "target 169.254.169.254 is a cloud metadata address"),
        ("https://224.0.0.1/", "target 224.0.0.1 is a multicast address"),
        ("https://172.16.0.1/", "target 172.16.0.1 is a private address"),
        ("https://192.168.1.1/", "target 192.168.1.1 is a private address"),
        ("https://[::1]/", "target ::1 is a loopback address"),
        ("https://[::]/", "target :: is an unspecified address"),
        ("https://[fe80::1]/", "target fe80::1 is a link-local address"),
        ("https://[fc00::1]/", "target fc00::1 is a private address"),
        ("https://[ff02::1]/", "target ff02::1 is a multicast address"),
        ("https://[fd00:ec2::254]/", "target fd00:ec2::254 is a cloud metadata address"),
        ("https://[::ffff:127.0.0.1]/", "target ::ffff:7f00:1 is a loopback address"),
        ("https://[::ffff:169.254.169.254]/", "target ::ffff:a9fe:a9fe is a cloud metadata address"),
        ("https://[64:ff9b::10.0.0.1]/", "target 64:ff9b::a00:1 is a private address"),
        ("https://[2002:0a00:0001::]/", "target 2002:a00:1:: is a private address"),
        ("https://[2002:7f00:0001::]/", "target 2002:7f00:1:: is a loopback address"),
    ])
    func literalAddressesAreJudgedWithoutResolving(url: String, message: String) async throws {
        let refusal = try #require(try await check(url).failure)
        #expect(refusal.description == message)
    }

    @Test func publicLiteralsPass() async throws {
        #expect(try await check("https://93.184.216.34/x").get().address == IPAddress("93.184.216.34"))
        #expect(try await check("https://[2606:4700::1]/").get().address == IPAddress("2606:4700::1"))
    }

    @Test(arguments: [
        ("http://hooks.example.com/", "scheme http is not allowed; webhooks use https"),
        ("ftp://hooks.example.com/", "scheme ftp is not allowed; webhooks use https"),
        ("https://hooks.example.com:8443/", "port 8443 is not allowed; webhooks go to port 443"),
        ("https://user:pw@hooks.example.com/", "the URL carries a user name or password"),
        ("hooks.example.com/x", "\"hooks.example.com/x\" is not an absolute URL"),
        ("https://unknown.example.com/", "cannot resolve unknown.example.com: no such host"),
    ])
    func urlRulesAreEnforced(url: String, message: String) async throws {
        let refusal = try #require(try await check(url).failure)
        #expect(refusal.description == message)
    }

    @Test func explicitPort443Passes() async throws {
        #expect(try await check("https://hooks.example.com:443/").get().url.effectivePort == 443)
    }

    @Test func allowListExemptsExactlyThatHostAndPort() async throws {
        let allowed = try await check("http://127.0.0.1:8080/in", allow: ["127.0.0.1:8080"]).get()
        #expect(allowed.isAllowListed)
        #expect(allowed.address == IPAddress("127.0.0.1"))
        #expect(try await check("http://127.0.0.1:8081/", allow: ["127.0.0.1:8080"]).failure != nil)
        #expect(try await check("https://localhost:8443/", allow: ["localhost:8443"]).get().isAllowListed)
        #expect(try await check("https://[::1]:9443/", allow: ["[::1]:9443"]).get().address == IPAddress("::1"))
        // The exemption never extends to other schemes or to the same host on the default port.
        #expect(try await check("ftp://127.0.0.1:8080/", allow: ["127.0.0.1:8080"]).failure != nil)
        #expect(try await check("https://127.0.0.1/", allow: ["127.0.0.1:8080"]).failure != nil)
    }

    @Test func malformedAllowTargetsAreRejected() {
        #expect(throws: AllowTargetError.self) { try TargetAllowList(["127.0.0.1"]) }
        #expect(throws: AllowTargetError.self) { try TargetAllowList(["127.0.0.1:0"]) }
        #expect(throws: AllowTargetError.self) { try TargetAllowList([":8080"]) }
        #expect(throws: AllowTargetError.self) { try TargetAllowList(["http://x:80/"]) }
    }

    @Test func aURLCheckedBeforeIsJudgedAgainWhenTheAllowListChanges() async throws {
        // The guard keeps what a URL alone decides; a changed allow list must not be answered from it.
        var addressGuard = AddressGuard(resolver: Self.resolver)
        let url = "http://127.0.0.1:8080/in"
        #expect(await addressGuard.check(url).failure != nil)
        #expect(await addressGuard.check(url).failure != nil)
        addressGuard.allowList = try TargetAllowList(["127.0.0.1:8080"])
        #expect(try await addressGuard.check(url).get().isAllowListed)
        addressGuard.allowList = .empty
        #expect(await addressGuard.check(url).failure != nil)
        // A name is still resolved on every check: a changed answer is refused though the URL was judged before.
        let named = "https://hooks.example.com/in"
        #expect(try await addressGuard.check(named).get().address == IPAddress("93.184.216.34"))
        addressGuard.resolver = StaticResolver(["hooks.example.com": [IPAddress("10.0.0.9")!]])
        #expect(await addressGuard.check(named).failure?.description.contains("10.0.0.9, a private address") == true)
    }

    @Test func pureJudgementRefusesAnEmptyAnswer() {
        #expect(AddressGuard.judge(host: "x.example.com", addresses: [], allowListed: false).failure != nil)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
