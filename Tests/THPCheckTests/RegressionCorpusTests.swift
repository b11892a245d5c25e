import THPEngine
import THPKernel
import THPSpec
import Testing

/// Every committed counterexample replays, strictly, to its harm at its last step. CI runs this
/// suite first (`swift test --filter RegressionCorpus`) so a broken story is the first thing seen.
@Suite("RegressionCorpus")
struct RegressionCorpusTests {
  @Test("committed counterexample replays to its story", arguments: regressionCorpus)
  func replays(_ c: RegressionCase) throws {
    let (family, scenario, decisions) = try Support.resolve(try ReplayToken.parse(c.token))
    let report = try family.replay(scenario, decisions)
    let f = try #require(report.findings.first, "\(c.name) no longer fails")
    #expect(f.kind == c.kind)
    #expect(f.story.known && f.story.name == c.story, "\(c.name): tells \(f.story), not \(c.story)")
    #expect(f.counterexample.length == c.steps)
    #expect(try Support.failsOnlyAtLastStep(family, f.counterexample))
  }

  @Test("the corpus has every catalogued story of every model and revert; every token parses")
  func coversCatalogues() throws {
    var have: Set<String> = []
    for c in regressionCorpus {
      let token = try ReplayToken.parse(c.token)
      have.insert(token.model + "/" + token.reverted.joined() + "/" + c.story)
    }
    for m in Catalog.models {
      for e in Catalog.catalogue(model: m.name, reverting: []) {
        #expect(have.contains(m.name + "//" + e.id), "\(m.name): \(e.id)")
      }
    }
    for fix in Catalog.reverts {
      for e in Catalog.catalogue(model: fix.model, reverting: [fix.id])
      where e.id.hasPrefix("seed-") {
        #expect(
          have.contains(fix.model + "/" + fix.id + "/" + e.id),
          "\(fix.model) --revert \(fix.id): \(e.id)")
      }
    }
  }

  /// The kernel rule each seed's fix restores, as the diagrams word it (Sources/Kernel/World/
  /// Rule.swift).
  static let seedRules: [String: String] = [
    "3f926ab945b6": "NUMA-marked PMD made accessible without holding the lock of",
    "3c226c637b69": "lock without a reference",
    "04fa5d6a6547": "with a reference nobody accounted for",
    "2b4847e73004": "while it is isolated for migration",
    "7066f0f933a1": "while a translation of it is still live",
  ]

  @Test("each revert's seed story breaks the rule its fix restores", arguments: Catalog.fixes)
  func seedBreaksItsRule(_ fix: FixInfo) throws {
    let rule = try #require(Self.seedRules[fix.id])
    let cases = regressionCorpus.filter { $0.name == "v4.20 --revert \(fix.id)" }
    #expect(!cases.isEmpty)
    for c in cases {
      let (family, scenario, decisions) = try Support.resolve(try ReplayToken.parse(c.token))
      let model = family.instantiate(scenario)
      let run = try model.run(.strict(decisions), options: RunOptions(record: true))
      let broken = run.trace.flatMap { model.ruleTexts($0.outcome) }
      #expect(broken.contains { $0.contains(rule) }, "\(c.name) \(c.story): broke \(broken)")
    }
  }
}
