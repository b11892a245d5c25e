import THPSpec

/// Turns a failing run into a minimal one that tells the same story: fewer actors, fewer
/// operations, fewer steps, fewer context switches, until no single removal keeps the story
/// (1-minimal).
public struct Shrinker<F: ModelFamily> {
  /// The family the run belongs to.
  public let family: F
  /// The story to keep.
  public let story: StoryKey
  /// The step bound runs are cut at.
  public let stepBound: Int
  /// How many candidate runs were tried.
  public private(set) var attempts = 0

  /// A shrinker that keeps `story`.
  public init(family: F, story: StoryKey, stepBound: Int = 500) {
    self.family = family
    self.story = story
    self.stepBound = stepBound
  }

  /// The harm to keep.
  public var kind: ViolationKind { story.kind }

  /// The executed schedule if `decisions` (replayed leniently) fails telling the story.
  public mutating func reproduces(_ scenario: Scenario, _ decisions: [Decision]) -> [Decision]? {
    attempts += 1
    let model = family.instantiate(scenario)
    guard let r = try? model.run(.lenient(decisions), options: RunOptions(stepBound: stepBound)),
      r.violation?.kind == story.kind,
      family.storyKey(scenario, r.decisions, stepBound: stepBound) == story
    else { return nil }
    return r.decisions
  }

  /// Shrinks a failing scenario and schedule. The result fails with `kind` and is never longer.
  public mutating func shrink(_ scenario: Scenario, _ decisions: [Decision]) -> (
    Scenario, [Decision]
  ) {
    var sc = scenario
    guard var ds = reproduces(sc, decisions) else { return (scenario, decisions) }
    var progress = true
    while progress {
      progress = false
      // Fewer actors.
      var i = 0
      while i < sc.actors.count {
        if sc.actors.count > 1 {
          var cand = sc
          cand.actors.remove(at: i)
          let cds = ds.compactMap { d -> Decision? in
            let a = Int(d.actor)
            if a == i { return nil }
            return Decision(actor: a > i ? a - 1 : a, choice: Int(d.choice))
          }
          if let got = reproduces(cand, cds) {
            sc = cand
            ds = got
            progress = true
            continue
          }
        }
        i += 1
      }
      // Fewer operations.
      for a in 0..<sc.actors.count {
        var k = sc.actors[a].operations.count - 1
        while k >= 0 {
          if sc.actors[a].operations.count > 1 {
            var cand = sc
            cand.actors[a].operations.remove(at: k)
            if let got = reproduces(cand, ds) {
              sc = cand
              ds = got
              progress = true
            }
          }
          k -= 1
        }
      }
      // Fewer steps: delta debugging over chunks, down to single steps.
      var chunk = max(ds.count / 2, 1)
      while chunk >= 1 {
        var start = 0
        while start < ds.count {
          var cand = ds
          cand.removeSubrange(start..<min(start + chunk, ds.count))
          if let got = reproduces(sc, cand), got.count < ds.count {
            ds = got
            progress = true
          } else {
            start += chunk
          }
        }
        chunk /= 2
      }
      // Simpler choices.
      for k in 0..<ds.count where ds[k].choice > 0 {
        var cand = ds
        cand[k].choice = 0
        if let got = reproduces(sc, cand), got.count <= ds.count {
          ds = got
          progress = true
          break
        }
      }
      // Fewer context switches: move a step next to its actor's previous step.
      if let better = fewerSwitches(sc, ds) {
        ds = better
        progress = true
      }
    }
    return (sc, ds)
  }

  mutating func fewerSwitches(_ sc: Scenario, _ ds: [Decision]) -> [Decision]? {
    let switches = ds.contextSwitches
    for k in 1..<max(ds.count, 1) where ds[k].actor != ds[k - 1].actor {
      // Pull step k back to just after the previous step of the same actor.
      guard let prev = ds[..<k].lastIndex(where: { $0.actor == ds[k].actor }) else { continue }
      var cand = ds
      let d = cand.remove(at: k)
      cand.insert(d, at: prev + 1)
      if let got = reproduces(sc, cand), got.count <= ds.count, got.contextSwitches < switches {
        return got
      }
      // Or push the step before it forward, past the block it interrupts.
      var cand2 = ds
      let e = cand2.remove(at: k - 1)
      var j = k - 1
      while j < cand2.count && cand2[j].actor == ds[k].actor { j += 1 }
      cand2.insert(e, at: j)
      if let got = reproduces(sc, cand2), got.count <= ds.count, got.contextSwitches < switches {
        return got
      }
    }
    return nil
  }
}
