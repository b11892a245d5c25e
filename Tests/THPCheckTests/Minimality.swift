import THPEngine
import THPSpec
import Testing

/// 1-minimality of counterexamples : dropping any single step, operation or actor
/// loses the finding. Checked by replaying each smaller run leniently, as the shrinker does, and
/// asking ``stillShows(_:_:)`` of it.
enum Minimality {
  /// Whether `candidate` (the run a counterexample becomes with something dropped, nil if it
  /// does not fail) still shows the finding `original` shows: the same story (its harm and the
  /// catalogue entry it tells, or where its harm happened).
  static func stillShows<F: ModelFamily>(
    _ family: F, _ original: Counterexample, _ candidate: Counterexample?
  ) -> Bool {
    guard let candidate, candidate.violation.kind == original.violation.kind else { return false }
    return family.storyKey(candidate.scenario, candidate.decisions)
      == family.storyKey(original.scenario, original.decisions)
  }

  /// What a 1-minimality check tried, and the drops that kept the finding.
  struct Report: CustomStringConvertible {
    /// Single steps dropped.
    var steps = 0
    /// Single operations dropped (only actors with more than one have one to drop).
    var operations = 0
    /// Single actors dropped (only scenarios with more than one).
    var actors = 0
    /// Whether the counterexample itself, replayed, shows its finding.
    var reproduces = false
    /// The drops that kept the finding (empty when 1-minimal).
    var keeping: [String] = []

    /// Whether the counterexample reproduces and no single drop keeps its finding.
    var isMinimal: Bool { reproduces && keeping.isEmpty }

    var description: String {
      "tried \(steps) step(s), \(operations) operation(s), \(actors) actor(s)"
        + (reproduces ? "" : "; the counterexample itself does not reproduce")
        + (keeping.isEmpty
          ? "" : "; still failing after dropping " + keeping.joined(separator: ", "))
    }
  }

  /// Drops every single step, operation and actor of `ce` in turn.
  static func check<F: ModelFamily>(_ family: F, _ ce: Counterexample) -> Report {
    var r = Report()
    let sc = ce.scenario
    let ds = ce.decisions
    func shows(_ s: Scenario, _ d: [Decision]) -> Bool {
      stillShows(family, ce, family.counterexample(s, d))
    }
    r.reproduces = shows(sc, ds)
    for i in ds.indices {
      var d = ds
      d.remove(at: i)
      r.steps += 1
      if shows(sc, d) { r.keeping.append("step \(i + 1)") }
    }
    for a in sc.actors.indices {
      let name = ce.actors[a]
      for k in sc.actors[a].operations.indices where sc.actors[a].operations.count > 1 {
        var s = sc
        s.actors[a].operations.remove(at: k)
        r.operations += 1
        if shows(s, ds) { r.keeping.append("operation \(k + 1) of \(name)") }
      }
      if sc.actors.count > 1 {
        var s = sc
        s.actors.remove(at: a)
        let d = ds.compactMap { x -> Decision? in
          let b = Int(x.actor)
          return b == a ? nil : Decision(actor: b > a ? b - 1 : b, choice: Int(x.choice))
        }
        r.actors += 1
        if shows(s, d) { r.keeping.append(name) }
      }
    }
    return r
  }
}
