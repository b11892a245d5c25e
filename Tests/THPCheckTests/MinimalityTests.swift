import THPEngine
import THPKernel
import THPSpec
import Testing

/// Every finding `thpcheck check` prints is 1-minimal: for every model and every revert, at the
/// command's default settings, dropping any single step, operation or actor of a finding's
/// counterexample loses the finding (``Minimality/stillShows(_:_:_:)``).
@Suite("Every finding is 1-minimal", .tags(.property))
struct MinimalityTests {
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
    + Catalog.fixes.map { Target(model: "v4.20", reverted: [$0.id], scenario: $0.scenario) }

  @Test("every finding of `thpcheck check` is 1-minimal", arguments: targets)
  func everyFinding(_ t: Target) throws {
    let family = try Catalog.family(t.model, reverting: t.reverted)
    var config = CheckConfig(runs: Self.defaultRuns, seed: 0)
    if let letters = t.scenario {
      let sc = try #require(Scenario(encoded: Substring(letters), in: family.space))
      config.scenario = sc
    }
    let report = family.check(config)
    #expect(report.verdict == Catalog.expected(t.model, reverting: t.reverted))
    var operations = 0
    for f in report.findings {
      let m = Minimality.check(family, f.counterexample)
      #expect(
        m.isMinimal,
        "\(t.testDescription), \(f.kind.rawValue): \(m)\n\(RaceDiagram.render(f.counterexample))")
      operations += m.operations
    }
    // Seed 000's story needs both of the scanner's passes (the A-B-A of the PMD): the
    // operation-dropping branch runs on it.
    if t.reverted == ["3f926ab945b6"] { #expect(operations > 0) }
  }
}
