import Testing
@testable import RandomnessCore

@Suite struct ParallelMapTests {
    @Test(arguments: [1, 2, 3, 8])
    func resultsLandInIndexOrderForAnyJobs(jobs: Int) {
        let out = Parallel.map(count: 1000, jobs: jobs) { i in i * i }
        #expect(out == (0..<1000).map { $0 * $0 })
    }

    @Test func lowestFailingIndexIsRethrown() {
        struct Failure: Error, Equatable { let index: Int }
        #expect(throws: Failure(index: 3)) {
            _ = try Parallel.map(count: 50, jobs: 4) { (i: Int) throws -> Int in
                if i % 10 == 3 { throw Failure(index: i) }
                return i
            }
        }
    }

    @Test func emptyWorkGivesEmptyResult() {
        #expect(Parallel.map(count: 0, jobs: 2) { $0 }.isEmpty)
    }
}
