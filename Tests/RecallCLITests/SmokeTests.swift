import Testing

@Suite struct CLISmokeTests {
    @Test func nothing() { #expect(Bool(true)) }
}
