import THPEngine
import THPSpec
import Testing

/// The engine's claims checked on the toy model (``ToyFamily``), against numbers worked out by
/// hand: deadlocks are found in runs and by the explorer, one step that is several harms
/// reports the one the precedence puts first, the explorer counts every state and transition,
/// and the shrinker reaches a fixed point.
@Suite("Engine on a toy model")
struct EngineToyTests {
  static let toy = ToyFamily()

  // MARK: Deadlock

  @Test("AB/BA locking deadlocks in a run: nobody can step, both are named")
  func deadlockInARun() throws {
    let sc = try #require(Self.toy.scenario("Pl,Ql"))
    let model = Self.toy.instantiate(sc)
    // ab takes A, ba takes B: each now waits for the other's lock.
    let r = try model.run(.strict([Decision(actor: 0, choice: 0), Decision(actor: 1, choice: 0)]))
    let v = try #require(r.violation, "\(r.end)")
    #expect(v.kind == .deadlock)
    #expect(v.step == 1)
    #expect(v.message.contains("ab") && v.message.contains("ba"))
    // The other order of the same two steps deadlocks too; running ab through does not.
    let other = try model.run(
      .strict([Decision(actor: 1, choice: 0), Decision(actor: 0, choice: 0)]))
    #expect(other.violation?.kind == .deadlock)
    let serial = try model.run(
      .strict(
        [Decision](repeating: Decision(actor: 0, choice: 0), count: 6)
          + [Decision](repeating: Decision(actor: 1, choice: 0), count: 6)))
    #expect(serial.end == .passed)
  }

  @Test("AB/BA locking deadlocks in random runs (seeds 0..<N), shrunk to its two lock steps")
  func deadlockInRandomRuns() throws {
    var config = CheckConfig(runs: 600, seed: 0)
    let scenario = try #require(Self.toy.scenario("Pll,Qll"))
    config.scenario = scenario
    let report = Self.toy.check(config)
    let f = try #require(report.findings.first { $0.kind == .deadlock })
    #expect(report.findings.map(\.kind) == [.deadlock])
    #expect(f.runs > 0 && f.runs < report.runs)
    let ce = f.counterexample
    #expect(ce.scenario == Self.toy.scenario("Pl,Ql"))
    #expect(ce.rows.map(\.step).sorted() == ["lock A", "lock B"])
    #expect(Minimality.check(Self.toy, ce).isMinimal)
  }

  @Test("AB/BA locking deadlocks in the explorer, at depth two; each lock order alone holds")
  func deadlockInTheExplorer() throws {
    let r = Self.toy.explore(try #require(Self.toy.scenario("Pl,Ql")))
    #expect(r.verdict == .refuted)
    let ce = try #require(r.counterexample)
    #expect(ce.violation.kind == .deadlock)
    #expect(ce.length == 2)
    #expect(Set(ce.rows.map(\.actor)) == ["ab", "ba"])
    for letters in ["Al,Pl", "Bl,Ql", "Pll"] {
      let r = Self.toy.explore(try #require(Self.toy.scenario(letters)))
      #expect(r.verdict == .holds && r.complete, "\(letters)")
    }
  }

  // MARK: Harm precedence

  /// The harm kinds in reporting precedence, as Spec/ViolationKind.swift declares them.
  static let precedence: [ViolationKind] = [
    .kernelBug, .useAfterFree, .lostWrite, .staleRead, .zapIgnored, .refinement, .accountingLeak,
    .deadlock,
  ]

  @Test("the precedence list is the declared one, as a whole: declared order, `<` and raw names")
  func precedenceList() {
    #expect(ViolationKind.allCases == Self.precedence)
    #expect(ViolationKind.allCases.sorted() == Self.precedence)
    #expect(Self.precedence.reversed().sorted() == Self.precedence)
    for (i, a) in Self.precedence.enumerated() {
      for (j, b) in Self.precedence.enumerated() {
        #expect((a < b) == (i < j), "\(a.rawValue) < \(b.rawValue)")
      }
    }
    #expect(
      Self.precedence.map(\.rawValue) == [
        "kernel-bug", "use-after-free", "lost-write", "stale-read", "zap-ignored", "refinement",
        "accounting-leak", "deadlock",
      ])
  }

  /// Every combination of what the harmer's one step can be at once: its own harm, a breach the
  /// spec sees, and a leftover at quiescence.
  static let doubleFaults: [ToyFamily.DoubleFault] = {
    let own: [ViolationKind?] = [
      nil, .kernelBug, .useAfterFree, .lostWrite, .staleRead, .zapIgnored, .refinement,
    ]
    let spec: [ViolationKind?] = [nil, .lostWrite, .staleRead, .zapIgnored, .refinement]
    return own.flatMap { m in
      spec.flatMap { s in [false, true].map { ToyFamily.DoubleFault(model: m, spec: s, leak: $0) } }
    }
  }()

  /// The harm the precedence puts first among those of `d`: the step's own harms first, then
  /// accounting at quiescence.
  static func expected(_ d: ToyFamily.DoubleFault) -> ViolationKind? {
    let step = [d.model, d.spec].compactMap { $0 }
    if let first = Self.precedence.first(where: step.contains) { return first }
    return d.leak ? .accountingLeak : nil
  }

  @Test("one step that is several harms reports the first in precedence, in a run and the explorer")
  func severalHarmsInOneStep() throws {
    var pairs = Set<[ViolationKind]>()
    for d in Self.doubleFaults {
      let toy = ToyFamily(doubleFault: d)
      let sc = try #require(toy.scenario("Xx"))
      let run = try toy.instantiate(sc).run(.strict([Decision(actor: 0, choice: 0)]))
      #expect(run.violation?.kind == Self.expected(d), "run: \(d)")
      #expect(run.violation.map { $0.step == 0 } ?? true)
      let explored = toy.explore(sc)
      #expect(explored.violation?.kind == Self.expected(d), "explorer: \(d)")
      let harms = [d.model, d.spec, d.leak ? .accountingLeak : nil].compactMap { $0 }
      if Set(harms).count > 1 { pairs.insert(Array(Set(harms)).sorted()) }
    }
    // Not vacuous: every adjacent pair of the precedence after use-after-free meets in one step.
    for k in 1..<(Self.precedence.count - 2) {
      #expect(pairs.contains([Self.precedence[k], Self.precedence[k + 1]]))
    }
  }

  @Test("a check reports its findings in precedence order")
  func findingsInPrecedenceOrder() throws {
    var toy = ToyFamily()
    toy.limit = 3
    var config = CheckConfig(runs: 1000, seed: 0)
    let scenario = try #require(toy.scenario("Ai,Bi,Pl,Ql"))
    config.scenario = scenario
    let kinds = toy.check(config).findings.map(\.kind)
    #expect(Set(kinds) == [.kernelBug, .lostWrite, .deadlock], "\(kinds)")
    #expect(kinds == kinds.sorted())
  }

  // MARK: A check's counts and verdicts

  @Test("a check counts runs, steps, actions and broken rules exactly (seeds 0..<N)")
  func checkCounts() throws {
    let runs = 1_200  // more than two guided generations
    // One racy increment: two steps, one write, one unlocked store, in every run.
    var config = CheckConfig(runs: runs, seed: 0)
    let racy = try #require(Self.toy.scenario("Ai"))
    config.scenario = racy
    let r = Self.toy.check(config)
    #expect(r.runs == runs && r.verdict == .holds && r.incompleteRuns == 0)
    #expect(r.steps == 2 * runs)
    #expect(r.coverage[.write] == runs && r.coverage[.read] == 0)
    #expect(r.stepCoverage == ["load counter": runs, "store counter": runs])
    #expect(r.rulesBroken == ["counter stored without holding lock A": runs])
    // A harm in every run: one finding, every run counted, the first run first.
    let harmer = ToyFamily(doubleFault: .init(model: .useAfterFree, spec: nil, leak: false))
    let harm = try #require(harmer.scenario("Xx"))
    config.scenario = harm
    let h = harmer.check(config)
    #expect(h.findings.map(\.kind) == [.useAfterFree])
    #expect(h.findings.first?.runs == runs && h.findings.first?.firstRun == 0)
  }

  @Test("runs cut off by the step bound are incomplete, never passes; over 1% is inconclusive")
  func stepBound() throws {
    // Locked increments take four steps each.
    var config = CheckConfig(runs: 600, seed: 0, stepBound: 7)
    let locked = try #require(Self.toy.scenario("All"))
    config.scenario = locked
    let cut = Self.toy.check(config)
    #expect(cut.incompleteRuns == 600 && cut.findings.isEmpty && cut.verdict == .inconclusive)
    config.stepBound = 8
    let whole = Self.toy.check(config)
    #expect(whole.incompleteRuns == 0 && whole.verdict == .holds)
    // Runs that fail before the bound are failures, not incomplete.
    let toy = ToyFamily(doubleFault: .init(model: .kernelBug, spec: nil, leak: false))
    let mixedScenario = try #require(toy.scenario("All,Xx"))
    config.scenario = mixedScenario
    config.stepBound = 7
    let mixed = toy.check(config)
    let failed = mixed.findings.first?.runs ?? 0
    #expect(failed > 0 && failed + mixed.incompleteRuns == 600 && mixed.verdict == .refuted)
  }

  // MARK: The explorer's counts

  @Test("the explorer counts every state and transition (worked out by hand)")
  func explorerCounts() throws {
    // One actor, one racy increment: 3 states (before, after the load, done), 2 transitions.
    let one = Self.toy.explore(try #require(Self.toy.scenario("Ai")))
    #expect((one.states, one.transitions, one.verdict) == (3, 2, .holds))
    // An allocation with two outcomes: the failure ends the operation (a state of its own:
    // counter 0, done), success goes on through lock, load, store, unlock. States: start,
    // failed, and the five after each successful step; transitions: 2 + 4.
    let alloc = Self.toy.explore(try #require(Self.toy.scenario("Aa")))
    #expect((alloc.states, alloc.transitions) == (7, 6))
    // Two racy increments against each other: each actor's pc is 0, 1 or 2 (9 pairs); the
    // counter and the loads they saw distinguish interleavings, and every store that
    // overwrites an increment is a lost write: load, load, store, store is the shortest.
    let race = Self.toy.explore(try #require(Self.toy.scenario("Ai,Bi")))
    #expect(race.verdict == .refuted)
    #expect(race.counterexample?.violation.kind == .lostWrite)
    #expect(race.counterexample?.length == 4)
    // Locked increments of both tasks: each task's progress is 0 to 4 steps, and at most one
    // is inside its critical section (steps 1 to 3): 25 - 9 = 16 progress pairs, and the end
    // state comes twice (which task loaded 0 and which 1): 17 states. Transitions: one per
    // ready actor of each state, counted by a plain search that keeps whole states.
    let locked = Self.toy.explore(try #require(Self.toy.scenario("Al,Bl")))
    #expect(locked.verdict == .holds && locked.complete)
    #expect(locked.states == 17)
    let brute = ExplorerTests.bruteForce(
      Self.toy.instantiate(try #require(Self.toy.scenario("Al,Bl"))))
    #expect((locked.states, locked.transitions) == (brute.states, brute.transitions))
  }

  // MARK: Shrinking

  /// A failing run the shrinker cannot finish in one pass: task A's three allocating
  /// increments, the second failing, then task B's increment takes the counter to 3 (over the
  /// limit of 2). No actor or operation can go until the failed allocation's step is dropped;
  /// then one of A's operations can.
  static func fixture() throws -> (ToyFamily, Scenario, [Decision]) {
    var toy = ToyFamily()
    toy.limit = 2
    let sc = try #require(toy.scenario("Aaaa,Bi"))
    let a = Decision(actor: 0, choice: 0)
    let b = Decision(actor: 1, choice: 0)
    let ds = [a, a, a, a, a, Decision(actor: 0, choice: 1)] + [a, a, a, a, a] + [b, b]
    return (toy, sc, ds)
  }

  @Test("the shrinker reaches a fixed point: several operations per actor, 1-minimal result")
  func shrinkerFixedPoint() throws {
    let (toy, sc, ds) = try Self.fixture()
    let input = try #require(toy.counterexample(sc, ds))
    #expect(input.violation.kind == .kernelBug)
    #expect(input.length == ds.count)
    // Only steps can go from the input: no actor or operation yet.
    let before = Minimality.check(toy, input)
    #expect(
      !before.keeping.isEmpty && before.keeping.allSatisfy { $0.hasPrefix("step") }, "\(before)")
    var shrinker = Shrinker(family: toy, story: try #require(toy.storyKey(sc, ds)))
    let (s2, d2) = shrinker.shrink(sc, ds)
    let out = try #require(toy.counterexample(s2, d2))
    let after = Minimality.check(toy, out)
    #expect(after.isMinimal, "\(after)")
    #expect(after.operations > 0, "the result keeps an actor with several operations")
    #expect(out.scenario == toy.scenario("Aaa,Bi"))
    #expect(out.length < input.length)
  }

  @Test("shrunk toy findings are 1-minimal, several operations per actor (seeds 0..<N)")
  func shrunkToyFindings() throws {
    var toy = ToyFamily()
    toy.limit = 4
    var config = CheckConfig(runs: 1500, seed: 0)
    let scenario = try #require(toy.scenario("Aaaa,Bili,Pll,Qll"))
    config.scenario = scenario
    let report = toy.check(config)
    #expect(Set(report.findings.map(\.kind)) == [.kernelBug, .lostWrite, .deadlock])
    var operations = 0
    for f in report.findings {
      let m = Minimality.check(toy, f.counterexample)
      #expect(m.isMinimal, "\(f.kind.rawValue): \(m)\n\(RaceDiagram.render(f.counterexample))")
      #expect(f.counterexample.length <= f.originalLength)
      operations += m.operations
    }
    #expect(operations > 0, "no shrunk finding kept an actor with several operations")
  }
}
