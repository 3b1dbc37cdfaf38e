import Testing
@testable import RecallCore

@Suite struct SmokeTests {
    @Test func versionIsSet() {
        #expect(!RecallVersion.current.isEmpty)
    }
}
