import Foundation
import THPEngine
import THPKernel
import THPSpec
import Testing

/// The exhaustive explorer (breadth-first, state hashing, preemption bounding), the schedulers'
/// determinism and bounds, and the committed manifest of exploration results.
@Suite("Exhaustive exploration", .tags(.exhaustive))
struct ExplorerTests {
  static func explore(
    _ model: String, _ scenario: String, reverting reverted: [String] = [], preemptions: Int? = nil,
    maxStates: Int = 20_000_000, threads: Int = 2
  ) throws -> ExploreReport {
    let family = try Catalog.family(model, reverting: reverted)
    let sc = try #require(StandardScenarios.scenario(scenario, in: family.space))
    return family.explore(
      sc, options: ExploreOptions(maxStates: maxStates, preemptions: preemptions, threads: threads))
  }

  @Test("Every standard scenario has a unique name and fits v4.20")
  func standardScenarios() throws {
    let family = try Catalog.family("v4.20")
    #expect(Set(StandardScenarios.all.map(\.name)).count == StandardScenarios.all.count)
    for s in StandardScenarios.all {
      let sc = try #require(StandardScenarios.scenario(s.name, in: family.space))
      #expect(sc.encoded(in: family.space) == s.letters)
    }
    #expect(StandardScenarios.scenario("Aw,Sa,Dw", in: family.space) != nil)
    #expect(StandardScenarios.scenario("no-such-scenario", in: family.space) == nil)
    let old = try Catalog.family("v3.8-rc1")
    #expect(StandardScenarios.scenario("device", in: old.space) == nil)
  }

  @Test("v4.20 holds for every interleaving of migrate-vs-write (Aw,Bw,Sa)")
  func v420Holds() throws {
    let r = try Self.explore("v4.20", "migrate-vs-write")
    #expect(r.verdict == .holds)
    #expect(r.complete)
    #expect(r.violation == nil && r.counterexample == nil)
    // Every reachable state and transition, counted by a plain search that keeps whole states
    // (and so no symmetry reduction).
    let family = try Catalog.family("v4.20")
    var options = ExploreOptions(threads: 2)
    options.symmetry = false
    let full = family.explore(r.scenario, options: options)
    let brute = Self.bruteForce(family.instantiate(r.scenario))
    #expect(full.states == brute.states)
    #expect(full.transitions == brute.transitions)
    // With the two tasks' symmetry, between half and all of them.
    #expect(r.states < full.states && 2 * r.states >= full.states)
  }

  /// Every state reachable from the initial one and every (state, actor, choice) step out of
  /// them, by depth-first search over whole states (no fingerprints), for a model none of whose
  /// steps fail.
  static func bruteForce<M: CheckedModel>(_ model: M) -> (states: Int, transitions: Int) {
    var seen: Set<M.State> = [model.initialState()]
    var stack = [model.initialState()]
    var transitions = 0
    while let s = stack.popLast() {
      for i in 0..<model.actorCount where model.status(s, i) == .ready {
        for c in 0..<model.choiceCount(s, i) {
          var t = s
          _ = model.step(&t, i, choice: c)
          transitions += 1
          if seen.insert(t).inserted { stack.append(t) }
        }
      }
    }
    return (seen.count, transitions)
  }

  @Test("3c226c637b69 reverted: a shortest use-after-free, no longer than the shrunk random one")
  func revertShortest() throws {
    let family = try Catalog.family("v4.20", reverting: ["3c226c637b69"])
    let sc = try Scenario.parse("Aw,Bw,Sa", in: family.space)
    let r = family.explore(sc)
    #expect(r.verdict == .refuted)
    let ce = try #require(r.counterexample)
    #expect(ce.violation.kind == .useAfterFree)
    #expect(try Support.failsOnlyAtLastStep(family, ce))
    // Its token replays strictly to the same harm.
    let replayed = try family.replay(sc, ce.decisions)
    #expect(replayed.findings.first?.kind == .useAfterFree)
    // Random runs find it too; shrunk, it is never shorter than the breadth-first one.
    var config = CheckConfig(runs: 3000, seed: 0)
    config.scenario = sc
    let report = family.check(config)
    let random = try #require(report.findings.first { $0.kind == .useAfterFree })
    print("explore: \(ce.length) steps; shrunk random run: \(random.counterexample.length) steps")
    #expect(ce.length <= random.counterexample.length)
    for f in report.findings { #expect(ce.length <= f.counterexample.length) }
  }

  @Test("Exploration does not depend on the thread count")
  func threadIndependent() throws {
    for (reverted, scenario) in [([String](), "migrate-vs-write"), (["3c226c637b69"], "aba")] {
      let one = try Self.explore("v4.20", scenario, reverting: reverted, threads: 1)
      let two = try Self.explore("v4.20", scenario, reverting: reverted, threads: 2)
      #expect(one.states == two.states)
      #expect(one.transitions == two.transitions)
      #expect(one.depth == two.depth)
      #expect(one.verdict == two.verdict)
      #expect(one.counterexample?.decisions == two.counterexample?.decisions)
    }
  }

  @Test("--max-states stops the search and says so")
  func maxStates() throws {
    let r = try Self.explore("v4.20", "migrate-vs-write", maxStates: 1000)
    #expect(!r.complete)
    #expect(r.states == 1000)
    #expect(r.verdict == .inconclusive)
    let full = try Self.explore("v4.20", "hinting", maxStates: 1_000_000)
    #expect(full.complete && full.verdict == .holds)
  }

  @Test("A preemption bound narrows the search; a zero bound misses a race that needs a preemption")
  func preemptionBound() throws {
    var states: [Int] = []
    for p in 0...3 {
      let r = try Self.explore("v4.20", "migrate-vs-write", preemptions: p)
      #expect(r.verdict == .holds && r.complete)
      states.append(r.states)
    }
    #expect(states == states.sorted())
    let none = try Self.explore(
      "v4.20", "migrate-vs-write", reverting: ["3c226c637b69"], preemptions: 0)
    #expect(none.verdict == .holds)
    let one = try Self.explore(
      "v4.20", "migrate-vs-write", reverting: ["3c226c637b69"], preemptions: 1)
    #expect(one.verdict == .refuted)
    let ce = try #require(one.counterexample)
    // At most one switch away from an actor that could still step: re-walk the schedule.
    let model = try Catalog.family("v4.20", reverting: ["3c226c637b69"]).instantiate(ce.scenario)
    var s = model.initialState()
    var preemptions = 0
    var last: Int? = nil
    for d in ce.decisions {
      let a = Int(d.actor)
      if let l = last, l != a, model.status(s, l) == .ready { preemptions += 1 }
      _ = model.step(&s, a, choice: Int(d.choice))
      last = a
    }
    #expect(preemptions <= 1)
  }

  /// Drives one run of `model` by hand with a scheduler; returns the decisions and the scheduler.
  static func drive<S: Scheduler>(_ model: THPModel, _ scheduler: S) -> ([Decision], S) {
    var sched = scheduler
    var s = model.initialState()
    var yielded = true
    var out: [Decision] = []
    for step in 0..<500 {
      let ready = (0..<model.actorCount).filter { model.status(s, $0) == .ready }
      if ready.isEmpty { break }
      let a = sched.pickActor(ready: ready, step: step, yielded: yielded)
      let c = sched.pickChoice(count: model.choiceCount(s, a))
      yielded = model.step(&s, a, choice: c).yields
      out.append(Decision(actor: a, choice: c))
    }
    return (out, sched)
  }

  @Test("The same seed gives the same schedules (random and PCT)")
  func sameSeedSameSchedule() throws {
    let family = try Catalog.family("v4.20")
    let sc = try Scenario.parse("Aw,Bw,Sa", in: family.space)
    let model = family.instantiate(sc)
    var distinct = Set<[Decision]>()
    for seed in UInt64(0)..<50 {
      let rng = SplitMix64.stream(seed: seed, index: 0)
      let r1 = Self.drive(model, RandomScheduler(rng: rng)).0
      let r2 = Self.drive(model, RandomScheduler(rng: rng)).0
      #expect(r1 == r2)
      let p1 = Self.drive(model, PCTScheduler(rng: rng, actors: 3, length: 18, depth: 3)).0
      let p2 = Self.drive(model, PCTScheduler(rng: rng, actors: 3, length: 18, depth: 3)).0
      #expect(p1 == p2)
      // The engine's own runs agree with the hand-driven ones.
      let run = try model.run(.scheduler(RandomScheduler(rng: rng)))
      #expect(run.decisions == r1)
      distinct.insert(r1)
    }
    #expect(distinct.count > 10)
    // And a whole budget is reproducible, guided generations included.
    let runs = 3 * CheckConfig(runs: 0).generation
    let a = family.check(CheckConfig(runs: runs, seed: 0, shrink: false))
    let b = family.check(CheckConfig(runs: runs, seed: 0, shrink: false))
    #expect(a.steps == b.steps && a.incompleteRuns == b.incompleteRuns)
    #expect(a.stepCoverage == b.stepCoverage)
  }

  @Test("PCT applies at most depth - 1 priority changes", arguments: [1, 2, 3, 4, 5])
  func pctDepthBound(depth: Int) throws {
    let family = try Catalog.family("v4.20")
    let sc = try Scenario.parse("Aw,Bw,Sa,Dw", in: family.space)
    let model = family.instantiate(sc)
    var most = 0
    for seed in UInt64(0)..<200 {
      let sched = PCTScheduler(
        rng: SplitMix64.stream(seed: seed, index: 0), actors: model.actorCount,
        length: 6 * sc.operationCount, depth: depth)
      let after = Self.drive(model, sched).1
      #expect(after.changesApplied <= depth - 1)
      most = max(most, after.changesApplied)
    }
    // Not vacuous: some run uses every change it may.
    #expect(most == depth - 1)
  }

  @Test(
    "The committed manifest of exploration results",
    arguments: ExploreManifest.entries)
  func manifest(_ e: ManifestEntry) throws {
    let r = try Self.explore(e.model, e.scenario, reverting: e.reverted, preemptions: e.preemptions)
    let now =
      ".init(\"\(e.model)\", \(e.reverted), \"\(e.scenario)\", "
      + (e.preemptions.map { "preemptions: \($0), " } ?? "")
      + ".\(r.verdict.rawValue), states: \(r.states), "
      + "transitions: \(r.transitions), harm: \(r.violation.map { ".\($0.kind)" } ?? "nil"), "
      + "length: \(r.counterexample?.length ?? 0))"
    #expect(r.verdict == e.verdict, "now: \(now)")
    #expect(r.complete)
    #expect(r.states == e.states, "now: \(now)")
    #expect(r.transitions == e.transitions, "now: \(now)")
    #expect(r.violation?.kind == e.harm, "now: \(now)")
    #expect((r.counterexample?.length ?? 0) == e.length, "now: \(now)")
    // Whatever a model shows on a standard scenario is a story of its catalogue; a model whose
    // catalogue is empty holds on every scenario, whatever the bound.
    let family = try Catalog.family(e.model, reverting: e.reverted)
    if let ce = r.counterexample {
      let story = family.storyKey(ce.scenario, ce.decisions)
      #expect(story?.known == true, "\(e): \(String(describing: story)) is not catalogued")
    }
    if family.catalogue.isEmpty { #expect(r.verdict == .holds || e.preemptions != nil) }
    // No step does more accesses to shared state than proofs-notes/atomicity.md justifies.
    try AtomicityTable.committed.get().check(r.fusedSteps, model: e.model, context: "\(e)")
  }

  /// The symmetry reduction is sound where it applies (task A and task B with equal
  /// operations): with and without it, the same verdict and the same stories, and it stores at
  /// most the states the full search visits and at least half of them.
  @Test(
    "The two tasks' symmetry reduction keeps every verdict and every story",
    arguments: Catalog.models.map { ($0.name, [String]()) }
      + [("v4.20", ["3c226c637b69"]), ("v6.12", ["wait-unlocks-ptl-first"])])
  func symmetry(_ model: String, _ reverted: [String]) throws {
    let family = try Catalog.family(model, reverting: reverted)
    try Support.expectSymmetryAgrees(family, try Scenario.parse("Aw,Bw,Sa", in: family.space))
  }

  @Test("Every refuted era and revert is refuted by exploration on some standard scenario")
  func refutedEverywhereHistorySays() {
    for m in Catalog.models where m.expected == .refuted {
      #expect(
        ExploreManifest.entries.contains {
          $0.model == m.name && $0.reverted.isEmpty && $0.verdict == .refuted
        },
        "\(m.name)")
    }
    for f in Catalog.reverts {
      #expect(
        ExploreManifest.entries.contains {
          $0.model == f.model && $0.reverted == [f.id] && $0.verdict == .refuted
        },
        "\(f.model) --revert \(f.id)")
    }
  }
}
