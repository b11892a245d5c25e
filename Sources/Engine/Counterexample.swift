import THPSpec

/// One row of a rendered trace: who did what, which abstract action it was, which rules broke.
public struct TraceRow: Sendable, Hashable, Codable {
  /// The actor's name.
  public var actor: String
  /// The kernel-named step.
  public var step: String
  /// The abstract action's name, or nil for a stutter.
  public var abstract: String?
  /// The rules broken at this step.
  public var rules: [String]

  private enum CodingKeys: String, CodingKey { case actor, step, abstract, rules }

  /// Encodes every key, `abstract` as null for a stutter (the contract in Spec/THPSpec.docc/CommandLine.md).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(actor, forKey: .actor)
    try c.encode(step, forKey: .step)
    if let abstract {
      try c.encode(abstract, forKey: .abstract)
    } else {
      try c.encodeNil(forKey: .abstract)
    }
    try c.encode(rules, forKey: .rules)
  }
}

/// A failing run, ready to print: scenario, schedule, rendered trace, violation and token.
public struct Counterexample: Sendable, Hashable {
  /// The scenario.
  public var scenario: Scenario
  /// The schedule (exactly the steps of the trace).
  public var decisions: [Decision]
  /// The rendered trace.
  public var rows: [TraceRow]
  /// The actors of the scenario, in column order.
  public var actors: [String]
  /// The violation at the last step.
  public var violation: Violation
  /// The replay token.
  public var token: ReplayToken

  /// Steps in the trace.
  public var length: Int { rows.count }
}

extension ModelFamily {
  /// The token for a scenario and schedule of this family.
  public func token(_ scenario: Scenario, _ decisions: [Decision]) -> ReplayToken {
    ReplayToken(
      model: name, reverted: reverted, scenario: scenario.encoded(in: space),
      schedule: decisions.encoded)
  }

  /// Re-runs a schedule with recording and renders it. Nil if it does not fail.
  public func counterexample(_ scenario: Scenario, _ decisions: [Decision], stepBound: Int = 500)
    -> Counterexample?
  {
    let model = instantiate(scenario)
    guard
      let r = try? model.run(
        .lenient(decisions), options: RunOptions(stepBound: stepBound, record: true)),
      let v = r.violation
    else { return nil }
    return render(model, scenario, r, v)
  }

  func render(_ model: Instance, _ scenario: Scenario, _ r: RunResult, _ v: Violation)
    -> Counterexample
  {
    let rows = r.trace.map { e in
      TraceRow(
        actor: model.actorName(e.actor), step: model.describe(e.outcome),
        abstract: e.outcome.transition?.action.rawValue, rules: model.ruleTexts(e.outcome))
    }
    return Counterexample(
      scenario: scenario, decisions: r.decisions, rows: rows,
      actors: (0..<model.actorCount).map(model.actorName), violation: v,
      token: token(scenario, r.decisions))
  }
}
