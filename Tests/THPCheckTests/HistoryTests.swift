import THPEngine
import THPKernel
import THPSpec
import Testing

/// Kernel history as the oracle: for every model, every seed fix reverted from v4.20 and every
/// v6.12 defence switch, at
/// `thpcheck check`'s own settings, the findings are exactly the model's catalogue — nothing
/// outside it, and every story it lists reproduced, by the runs or by exploring the story's
/// witness (so the outcome does not depend on any budget) — and every finding is 1-minimal
/// and fails only at its last step.
@Suite("Kernel history", .tags(.property))
struct HistoryTests {
  /// One `thpcheck check` target: a model, or v4.20 with one fix reverted.
  struct Target: Sendable, CustomTestStringConvertible {
    let model: String
    let reverted: [String]
    /// The fixed scenario: a revert runs on its seed's own actors, as `check` does.
    let scenario: String?

    var testDescription: String {
      model + (reverted.isEmpty ? "" : " --revert " + reverted.joined(separator: "+"))
    }
  }

  /// `thpcheck check`'s defaults (Sources/thpcheck/Commands.swift): 20,000 runs per model from
  /// seed 0, the random scheduler, guided, shrunk, the 500-step bound.
  static let defaultRuns = 20_000

  /// What `thpcheck check` without `--model` covers: every model, then every revert.
  static let targets: [Target] =
    Catalog.models.map { Target(model: $0.name, reverted: [], scenario: nil) }
    + Catalog.reverts.map { Target(model: $0.model, reverted: [$0.id], scenario: $0.scenario) }

  @Test("the findings are the catalogue; each is 1-minimal", arguments: targets)
  func findingsAreTheCatalogue(_ t: Target) throws {
    let family = try Catalog.family(t.model, reverting: t.reverted)
    var config = CheckConfig(runs: Self.defaultRuns, seed: 0)
    if let letters = t.scenario {
      config.scenario = try Scenario.parse(Substring(letters), in: family.space)
    }
    let report = family.checkAgainstCatalogue(config, explore: ExploreOptions(threads: 2))
    for f in report.findings where f.known == nil {
      Issue.record(
        "\(t.testDescription): a story outside the catalogue, \(f.story)\n\(RaceDiagram.render(f.counterexample))")
    }
    for entry in report.missing {
      Issue.record("\(t.testDescription): catalogued \(entry.id) not reproduced")
    }
    #expect(report.matchesCatalogue)
    #expect(report.verdict == Catalog.expected(t.model, reverting: t.reverted))
    var operations = 0
    for f in report.findings {
      #expect(try Support.failsOnlyAtLastStep(family, f.counterexample), "\(f.story)")
      guard !f.byWitness else { continue }
      let m = Minimality.check(family, f.counterexample)
      #expect(
        m.isMinimal,
        "\(t.testDescription), \(f.story): \(m)\n\(RaceDiagram.render(f.counterexample))")
      operations += m.operations
    }
    // Seed 000's story needs both of the scanner's passes (the A-B-A of the PMD): the
    // operation-dropping branch of the 1-minimality check runs on it.
    if t.reverted == ["3f926ab945b6"] { #expect(operations > 0) }
    print(
      "\(t.testDescription): "
        + report.findings.map { "\($0.story.name) (\($0.byWitness ? "witness" : "\($0.runs)"))" }
        .joined(separator: ", "))
  }

  @Test("each revert shows its seed's story; each era shows the seeds it shipped")
  func seedsWhereHistoryPutsThem() throws {
    for fix in Catalog.fixes {
      let entries = Catalog.catalogue(model: "v4.20", reverting: [fix.id])
      let seed = fix.seed.prefix(3)
      #expect(entries.contains { $0.id.hasPrefix("seed-\(seed)") && $0.required }, "\(fix.id)")
    }
    for m in Catalog.models {
      let ids = Catalog.catalogue(model: m.name, reverting: []).map(\.id)
      for stem in Catalog.seeds {
        let shows = ids.contains { $0.hasPrefix("seed-\(stem.prefix(3))") }
        #expect(shows == m.demonstrates.contains(stem), "\(m.name) and seed \(stem.prefix(3))")
      }
    }
  }

  @Test("each v6.12 switch is refuted, on its seed's scenario, with its seed's story")
  func v6SwitchesTellTheirSeeds() throws {
    #expect(Catalog.expected("v6.12", reverting: []) == .holds)
    for fix in Catalog.v6Reverts {
      let family = try Catalog.family("v6.12", reverting: [fix.id])
      let scenario = try Scenario.parse(Substring(fix.scenario), in: family.space)
      let r = family.explore(scenario, options: ExploreOptions(threads: 2))
      #expect(r.complete && r.verdict == .refuted, "\(fix.id): \(r.verdict)")
      let ce = try #require(r.counterexample, "\(fix.id): no counterexample")
      #expect(ce.violation.kind.rawValue == fix.expectedHarm, "\(fix.id): \(ce.violation.kind)")
      let story = try #require(family.storyKey(ce.scenario, ce.decisions))
      let seed = fix.seed.prefix(3)
      #expect(story.known && story.name.hasPrefix("seed-\(seed)"), "\(fix.id): \(story)")
    }
  }

  @Test("every catalogue entry's witness is a scenario of its model; ids are unique")
  func cataloguesAreWellFormed() throws {
    for m in Catalog.models {
      let family = try Catalog.family(m.name)
      let entries = family.catalogue
      #expect(Set(entries.map(\.id)).count == entries.count, "\(m.name)")
      for e in entries {
        #expect(Scenario(encoded: Substring(e.witness), in: family.space) != nil, "\(e.id)")
        #expect(!e.evidence.isEmpty && !e.story.steps.isEmpty, "\(e.id)")
      }
    }
  }
}
