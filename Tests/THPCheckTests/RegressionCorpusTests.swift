import THPEngine
import THPKernel
import THPSpec
import Testing

/// Every committed counterexample replays, strictly, to its harm at its last step. CI runs this
/// suite first (`swift test --filter RegressionCorpus`) so a broken story is the first thing seen.
@Suite("RegressionCorpus")
struct RegressionCorpusTests {
  @Test("committed counterexample replays to its harm", arguments: regressionCorpus)
  func replays(_ c: RegressionCase) throws {
    let token = try ReplayToken.parse(c.token)
    let family = try Catalog.family(token.model, reverting: token.reverted)
    let scenario = try #require(Scenario(encoded: Substring(token.scenario), in: family.space))
    let decisions = try #require(
      [Decision].decode(Substring(token.schedule), actors: scenario.actors.count))
    let report = try family.replay(scenario, decisions)
    let f = try #require(report.findings.first, "\(c.name) no longer fails")
    #expect(f.kind == c.kind)
    #expect(f.counterexample.length == c.steps)
    #expect(try Support.failsOnlyAtLastStep(family, f.counterexample))
    #expect(Catalog.expected(token.model, reverting: token.reverted) == .refuted)
  }

  @Test("the corpus covers every refuted era and every revert; every token parses")
  func coversHistory() throws {
    let names = Set(
      try regressionCorpus.map { try ReplayToken.parse($0.token) }.map {
        $0.model + ($0.reverted.isEmpty ? "" : " --revert " + $0.reverted.joined())
      })
    for m in Catalog.models where m.expected == .refuted {
      #expect(names.contains(m.name), "\(m.name)")
    }
    for f in Catalog.fixes { #expect(names.contains("v4.20 --revert \(f.id)"), "\(f.id)") }
  }
}
