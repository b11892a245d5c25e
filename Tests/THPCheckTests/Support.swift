import Foundation
import THPEngine
import THPKernel
import THPSpec
import Testing

/// Budgets and helpers shared by the suites.
enum Support {
  /// Runs per model for the running test (its `.budget` trait, else the base budget); throws
  /// when THPCHECK_RUNS is not a positive whole number.
  static var runs: Int {
    get throws { try PropertyBudget.current?.runs ?? PropertyBudget.base.get() }
  }

  /// The first seed of the running test's budget (0 unless its trait says otherwise).
  static var seed: UInt64 { PropertyBudget.current?.seed ?? 0 }

  /// A check of `model` (with `reverted`) over seeds `seed..<seed + runs`.
  static func check(_ model: String, reverting reverted: [String] = []) throws -> CheckReport {
    try Catalog.family(model, reverting: reverted).check(
      CheckConfig(runs: try Support.runs, seed: Support.seed))
  }

  /// What a replay token names: its model (with its reverts), its scenario and its schedule,
  /// each parsed strictly (a token that does not parse fails the test).
  static func resolve(_ token: ReplayToken) throws -> (
    family: KernelFamily, scenario: Scenario, decisions: [Decision]
  ) {
    let family = try Catalog.family(token.model, reverting: token.reverted)
    let scenario = try Scenario.parse(Substring(token.scenario), in: family.space)
    let decisions = try #require(
      [Decision].decode(Substring(token.schedule), actors: scenario.actors.count),
      "\(token): the schedule does not decode")
    return (family, scenario, decisions)
  }

  /// Whether the harm of `ce` happens at its last step and not before: its schedule without
  /// the last step replays, strictly, to no harm.
  static func failsOnlyAtLastStep<F: ModelFamily>(_ family: F, _ ce: Counterexample) throws
    -> Bool
  {
    let model = family.instantiate(ce.scenario)
    let prefix = try model.run(.strict(Array(ce.decisions.dropLast())))
    let whole = try model.run(.strict(ce.decisions))
    return prefix.violation == nil && whole.violation?.kind == ce.violation.kind
      && whole.decisions.count == ce.decisions.count
  }

  /// The two tasks' symmetry reduction is sound on `scenario`: with and without it, the same
  /// verdict and the same stories; it stores fewer states than the full search but at least
  /// half of them (a state and its mirror are one class); every reduced counterexample replays
  /// as a real run failing only at its last step.
  static func expectSymmetryAgrees(
    _ family: KernelFamily, _ scenario: Scenario, maxStates: Int = 20_000_000
  ) throws {
    var options = ExploreOptions(maxStates: maxStates, threads: 2)
    options.goal = .everyStory
    let reduced = family.explore(scenario, options: options)
    options.symmetry = false
    let full = family.explore(scenario, options: options)
    let label = "\(family.name) \(family.reverted) on \(scenario.encoded(in: family.space))"
    #expect(reduced.complete && full.complete, "\(label)")
    #expect(reduced.verdict == full.verdict, "\(label)")
    #expect(reduced.stories.map(\.0) == full.stories.map(\.0), "\(label)")
    #expect(reduced.states < full.states && 2 * reduced.states >= full.states, "\(label)")
    for (_, ce) in reduced.stories {
      #expect(try failsOnlyAtLastStep(family, ce), "\(ce.token)")
    }
  }

  /// Whether `rows` contain the (actor, step-prefix) pairs in this order.
  static func containsInOrder(_ rows: [TraceRow], _ pairs: [(String, String)]) -> Bool {
    var i = 0
    for row in rows where i < pairs.count {
      if row.actor == pairs[i].0 && row.step.hasPrefix(pairs[i].1) { i += 1 }
    }
    return i == pairs.count
  }

  /// The row index of the first (actor, step-prefix) match.
  static func index(_ rows: [TraceRow], _ actor: String, _ step: String) -> Int? {
    rows.firstIndex { $0.actor == actor && $0.step.hasPrefix(step) }
  }
}

extension Tag {
  /// Suites that make property runs (budget: THPCHECK_RUNS).
  @Tag static var property: Self
  /// Suites that explore a state space exhaustively.
  @Tag static var exhaustive: Self
}

extension Support {
  /// Attaches a counterexample's race diagram and replay token to the current test.
  static func attach(_ ce: Counterexample, _ name: String) {
    Attachment.record(RaceDiagram.render(ce), named: "\(name).txt")
  }
}
