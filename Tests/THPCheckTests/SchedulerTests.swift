import THPEngine
import THPKernel
import THPSpec
import Testing

/// The schedulers do their job: PCT follows its priorities and meets its probability bound;
/// swarm leaves roles out; guided runs build on earlier ones. Seeds `0..<N` throughout.
@Suite("Schedulers")
struct SchedulerTests {
  // MARK: PCT

  /// Picks a ready actor uniformly at random at every step: what PCT must beat.
  struct UniformScheduler: Scheduler {
    var rng: SplitMix64
    mutating func pickActor(ready: [Int], step: Int, yielded: Bool) -> Int {
      ready[rng.below(ready.count)]
    }
    mutating func pickChoice(count: Int) -> Int { rng.biasedChoice(count) }
  }

  /// The fewest stretches a schedule splits into such that within each, every step ran the
  /// ready actor that comes first in one fixed order of the actors (its priorities). PCT with
  /// depth `d` changes priorities at most `d - 1` times, so its schedules need at most `d`.
  /// Greedy: a stretch grows while "the actor that ran beats every other ready actor" stays
  /// acyclic, which gives the fewest.
  static func priorityStretches<M: CheckedModel>(_ model: M, _ decisions: [Decision]) -> Int {
    let n = model.actorCount
    var beats = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
    var stretches = 1
    var s = model.initialState()
    for d in decisions {
      let a = Int(d.actor)
      let others = (0..<n).filter { $0 != a && model.status(s, $0) == .ready }
      // A new constraint a > r is inconsistent iff r already beats a (transitively).
      if others.contains(where: { beats[$0][a] }) {
        stretches += 1
        beats = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
      }
      for r in others where !beats[a][r] {
        // Close transitively: everything that beats a (and a) now beats r and all r beats.
        let above = (0..<n).filter { $0 == a || beats[$0][a] }
        let below = (0..<n).filter { $0 == r || beats[r][$0] }
        for x in above { for y in below { beats[x][y] = true } }
      }
      _ = model.step(&s, a, choice: Int(d.choice))
    }
    return stretches
  }

  @Test("PCT runs the highest-priority ready actor: at most `depth` priority orders per run")
  func pctFollowsPriorities() throws {
    let family = try Catalog.family("v4.20")
    let sc = try Scenario.parse("Aw,Bw,Sa,Dw", in: family.space)
    let model = family.instantiate(sc)
    for depth in 1...4 {
      var worst = 0
      var switches = 0
      for seed in UInt64(0)..<300 {
        let pct = PCTScheduler(
          rng: SplitMix64.stream(seed: 0, index: seed), actors: model.actorCount,
          length: 6 * sc.operationCount, depth: depth)
        let r = try model.run(.scheduler(pct))
        worst = max(worst, Self.priorityStretches(model, r.decisions))
        switches += r.decisions.contextSwitches
      }
      #expect(worst <= depth, "depth \(depth): a run needs \(worst) priority orders")
      #expect(switches > 0)
    }
    // The measure tells the schedulers apart: uniform picks need many orders.
    var uniform = 0
    for seed in UInt64(0)..<300 {
      let r = try model.run(
        .scheduler(UniformScheduler(rng: SplitMix64.stream(seed: 0, index: seed))))
      uniform = max(uniform, Self.priorityStretches(model, r.decisions))
    }
    #expect(uniform > 4)
  }

  @Test("PCT finds a depth-2 bug at least at the rate its bound 1/(n·k^(d-1)) predicts")
  func pctMeetsItsBound() throws {
    // The reader's check fails only between task A's second and third increments: a bug of
    // depth 2 (after the second store, before the third). Uniform picks rarely let task A run
    // that far first; PCT's one priority change lands there once in k/4.
    var toy = ToyFamily()
    toy.watch = 2
    let sc = try #require(toy.scenario("Alll,Rc"))
    let runs = 2_000
    let (n, depth) = (sc.actors.count, 2)
    let k = 6 * sc.operationCount  // the change-point candidates PCT draws from
    let bound = 1.0 / Double(n * (1..<depth).reduce(1) { p, _ in p * k })
    var config = CheckConfig(runs: runs, seed: 0, scheduler: .pct, pctDepth: depth, shrink: false)
    config.scenario = sc
    config.guided = false  // the scheduler alone
    let report = toy.check(config)
    let hits = report.findings.first { $0.kind == .kernelBug }?.runs ?? 0
    print("PCT depth 2 on Alll,Rc: \(hits)/\(runs) runs; bound \(bound)")
    #expect(Double(hits) >= bound * Double(runs), "\(hits)/\(runs) below the bound \(bound)")
    // The scenario tells PCT from random picking: uniform picks fall short of the bound.
    let model = toy.instantiate(sc)
    var uniform = 0
    for seed in 0..<runs {
      let sched = UniformScheduler(rng: SplitMix64.stream(seed: 0, index: UInt64(seed)))
      if try model.run(.scheduler(sched)).violation?.kind == .kernelBug { uniform += 1 }
    }
    print("uniform picks on Alll,Rc: \(uniform)/\(runs) runs")
    #expect(Double(uniform) < bound * Double(runs))
  }

  @Test("PCT with depth 1 never preempts: each actor runs until it is done or blocked")
  func pctDepthOneIsSerial() throws {
    var toy = ToyFamily()
    toy.watch = 2
    let sc = try #require(toy.scenario("Alll,Rc"))
    var config = CheckConfig(runs: 500, seed: 0, scheduler: .pct, pctDepth: 1, shrink: false)
    config.scenario = sc
    config.guided = false
    // Serial runs: task A's three increments first, or the reader first. Neither fails.
    #expect(toy.check(config).findings.map(\.kind) == [])
  }

  // MARK: Swarm

  @Test("swarm leaves roles out in most draws; random keeps every role (seeds 0..<N)")
  func swarmLeavesRolesOut() throws {
    let recorder = ScenarioRecorder()
    var toy = ToyFamily()
    toy.recorder = recorder
    let roles = toy.space.roles.count
    let runs = 1_000  // two guided generations
    _ = toy.check(CheckConfig(runs: runs, seed: 0, scheduler: .swarm, shrink: false))
    let swarm = recorder.scenarios
    #expect(swarm.count >= runs)
    let full = swarm.filter { $0.actors.count == roles }.count
    #expect(full * 10 < swarm.count, "\(full) of \(swarm.count) swarm draws keep every role")
    for role in 0..<roles {
      let with = swarm.filter { $0.actors.contains { $0.role == role } }.count
      #expect(with * 4 > swarm.count && with * 4 < 3 * swarm.count, "role \(role): \(with)")
    }
    // The random scheduler draws full scenarios.
    let full2 = ScenarioRecorder()
    toy.recorder = full2
    _ = toy.check(CheckConfig(runs: runs, seed: 0, scheduler: .random, shrink: false))
    #expect(full2.scenarios.filter { $0.actors.count == roles }.count >= runs)
    // And the draw itself: most swarm scenarios of a kernel model lack a role.
    let family = try Catalog.family("v4.20")
    var lacking = 0
    for seed in UInt64(0)..<1000 {
      var rng = SplitMix64.stream(seed: 0, index: seed)
      let sc = family.space.randomScenario(&rng, swarm: true)
      if sc.actors.count < family.space.roles.count { lacking += 1 }
      var rng2 = SplitMix64.stream(seed: 0, index: seed)
      #expect(
        family.space.randomScenario(&rng2, swarm: false).actors.count == family.space.roles.count)
    }
    #expect(lacking > 900)
  }

  // MARK: Guided runs

  @Test("guided runs build on earlier ones: three rare outcomes are found far more often guided")
  func guidedMakesADifference() throws {
    // The roller's three rolls each hit once in 28 (the last of eight outcomes); the counter
    // must reach 3 (limit 2). A run reaching a new counter value joins the corpus, and later
    // runs replay its prefix: guided, the rolls accumulate over generations; unguided, all
    // three must come in one run (1 in 22,000). Ten generations.
    var toy = ToyFamily()
    toy.limit = 2
    let sc = try #require(toy.scenario("Lrrr"))
    var config = CheckConfig(runs: 10 * CheckConfig(runs: 0).generation, seed: 0, shrink: false)
    config.scenario = sc
    let guided = toy.check(config).findings.first { $0.kind == .kernelBug }?.runs ?? 0
    config.guided = false
    let unguided = toy.check(config).findings.first { $0.kind == .kernelBug }?.runs ?? 0
    print("Lrrr, \(config.runs) runs: guided \(guided), unguided \(unguided)")
    #expect(guided >= 10 * max(unguided, 1))
  }
}
