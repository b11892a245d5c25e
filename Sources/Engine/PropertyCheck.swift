import Dispatch
import THPSpec

/// How schedules are drawn.
public enum SchedulerKind: String, Sendable, CaseIterable {
  /// Full scenarios, uniformly random interleavings.
  case random
  /// Full scenarios, PCT priority schedules with depth bound `pctDepth`.
  case pct
  /// Swarm: each run keeps a random subset of the actor kinds, random interleavings.
  case swarm
}

/// A budget of property runs.
public struct CheckConfig: Sendable {
  /// Runs per model.
  public var runs: Int
  /// The seed; run `i` draws from sub-stream `i` of it.
  public var seed: UInt64
  /// How schedules are drawn.
  public var scheduler: SchedulerKind
  /// The step bound.
  public var stepBound: Int
  /// PCT's depth bound.
  public var pctDepth: Int
  /// Whether to shrink counterexamples.
  public var shrink: Bool
  /// Threads to spread runs over (results do not depend on it).
  public var threads: Int
  /// A fixed scenario for every run, instead of drawing one per run.
  public var scenario: Scenario? = nil
  /// Guided runs: after each generation, runs that reached a new (step, abstract state) pair
  /// join a corpus, and half the next generation's runs replay a random prefix of a corpus run
  /// before the scheduler takes over. Deterministic: a generation only sees earlier ones.
  public var guided: Bool = true
  /// Runs per generation of a guided check.
  public var generation: Int = 500
  /// Told how far the runs have got, after each generation (for a progress line; it does not
  /// change the results).
  public var progress: (@Sendable (CheckProgress) -> Void)? = nil

  /// A configuration.
  public init(
    runs: Int, seed: UInt64 = 0, scheduler: SchedulerKind = .random, stepBound: Int = 500,
    pctDepth: Int = 3, shrink: Bool = true, threads: Int = 2
  ) {
    self.runs = runs
    self.seed = seed
    self.scheduler = scheduler
    self.stepBound = stepBound
    self.pctDepth = pctDepth
    self.shrink = shrink
    self.threads = threads
  }
}

/// One distinct story found in a budget: how many runs told it, and its shrunk counterexample.
public struct Finding: Sendable {
  /// The harm kind.
  public var kind: ViolationKind
  /// Which story: the catalogue entry it tells, or where its harm happened.
  public var story: StoryKey
  /// The catalogue entry it tells, or nil for a new story.
  public var known: KnownStory?
  /// Whether it was reproduced by exhaustive exploration of its catalogue entry's witness
  /// scenario, the random budget having missed it.
  public var byWitness = false
  /// How many runs failed with it.
  public var runs: Int
  /// The first run (lowest index) that hit it.
  public var firstRun: Int
  /// Its shrunk counterexample.
  public var counterexample: Counterexample
  /// Length of the failing run before shrinking.
  public var originalLength: Int
}

/// The outcome of checking one model over a budget.
public struct CheckReport: Sendable {
  /// The model's name.
  public var model: String
  /// Reverted fixes.
  public var reverted: [String]
  /// Runs made.
  public var runs: Int
  /// Runs cut off or with an actor out of retries.
  public var incompleteRuns: Int
  /// Steps checked over all runs.
  public var steps: Int
  /// Wall-clock seconds (not part of the deterministic output).
  public var seconds: Double
  /// Distinct stories, in precedence order of their harms.
  public var findings: [Finding]
  /// Times each spec action was taken.
  public var coverage: [ActionName: Int]
  /// Times each kernel step was taken, by name.
  public var stepCoverage: [String: Int]
  /// Runs in which each kernel rule broke (whether or not the run failed), by the rule's text.
  /// Rules mark, they do not fail: this is how a broken rule that led to no harm is seen.
  public var rulesBroken: [String: Int] = [:]
  /// Catalogued stories the model must show that neither the runs nor exploration of their
  /// witness reproduced (``ModelFamily/checkAgainstCatalogue(_:explore:)``).
  public var missing: [KnownStory] = []

  /// Whether the findings are the catalogue: none outside it, none of its required entries
  /// missing.
  public var matchesCatalogue: Bool {
    missing.isEmpty && findings.allSatisfy { $0.known != nil }
  }

  /// The verdict: refuted if anything was found; holds only if at most 1% of runs were
  /// incomplete; otherwise inconclusive.
  public var verdict: Verdict {
    if !findings.isEmpty { return .refuted }
    return incompleteRuns * 100 <= runs ? .holds : .inconclusive
  }
}

extension ScenarioSpace {
  /// A scenario drawn from `rng`: every role (or, for swarm, a random non-empty subset), each
  /// with a random number of random operations.
  public func randomScenario(_ rng: inout SplitMix64, swarm: Bool) -> Scenario {
    var plans: [ActorPlan] = []
    for (i, role) in roles.enumerated() {
      if swarm && rng.chance(0.5) { continue }
      let n = 1 + rng.below(role.maxOperations)
      let ops = (0..<n).map { _ in UInt8(rng.below(role.operations.count)) }
      plans.append(ActorPlan(role: i, operations: ops))
    }
    if plans.isEmpty {
      plans.append(ActorPlan(role: 0, operations: [UInt8(rng.below(roles[0].operations.count))]))
    }
    return Scenario(actors: plans)
  }
}

/// How far a check has got.
public struct CheckProgress: Sendable {
  /// Runs done, and the budget.
  public var runs: Int, of: Int
  /// Steps taken so far.
  public var steps: Int
  /// Runs that failed so far.
  public var failingRuns: Int
  /// Seconds since the check began.
  public var seconds: Double
}

/// Per-thread tallies, merged in run order.
struct Tally {
  var incomplete = 0
  var steps = 0
  var actions = [Int](repeating: 0, count: ActionName.allCases.count)
  var stepCounts: [Int]
  /// Runs that broke each rule bit.
  var ruleRuns = [Int](repeating: 0, count: 24)
  /// Per story: number of runs, and the first failing runs (lowest indices) with their
  /// scenario and schedule.
  var hits: [StoryKey: (count: Int, samples: [Sample])] = [:]

  /// A failing run kept for shrinking.
  struct Sample {
    var run: Int
    var scenario: Scenario
    var decisions: [Decision]
  }

  /// How many failing runs per story are shrunk; the shortest result is reported.
  static let samplesPerStory = 4

  mutating func record(_ key: StoryKey, _ sample: Sample) {
    var h = hits[key] ?? (0, [])
    h.count += 1
    if h.samples.count < Tally.samplesPerStory { h.samples.append(sample) }
    hits[key] = h
  }

  init(codes: Int) { stepCounts = [Int](repeating: 0, count: codes) }

  mutating func merge(_ o: Tally) {
    for b in ruleRuns.indices { ruleRuns[b] += o.ruleRuns[b] }
    incomplete += o.incomplete
    steps += o.steps
    for i in actions.indices { actions[i] += o.actions[i] }
    for i in stepCounts.indices { stepCounts[i] += o.stepCounts[i] }
    for (k, h) in o.hits {
      let mine = hits[k] ?? (0, [])
      let samples = (mine.samples + h.samples).sorted { $0.run < $1.run }
      hits[k] = (mine.count + h.count, Array(samples.prefix(Tally.samplesPerStory)))
    }
  }
}

/// A mutable box for per-thread results (each thread writes only its own slot).
private final class Slots<T>: @unchecked Sendable {
  var items: [T]
  init(_ items: [T]) { self.items = items }
}

extension ModelFamily {
  /// The scenario and schedule source for run `index`: fresh, or (guided, half the time) a
  /// random prefix of a corpus run followed by a fresh scheduler.
  func draw(_ index: Int, _ config: CheckConfig, corpus: [Tally.Sample]) -> (
    Scenario, ScheduleSource
  ) {
    var rng = SplitMix64.stream(seed: config.seed, index: UInt64(index))
    var prefix: [Decision] = []
    let scenario: Scenario
    if config.guided, !corpus.isEmpty, rng.chance(0.5) {
      // Half the time one of the newest entries: discoveries build on discoveries.
      let recent = min(corpus.count, 128)
      let entry =
        rng.chance(0.5)
        ? corpus[corpus.count - 1 - rng.below(recent)] : corpus[rng.below(corpus.count)]
      prefix = Array(entry.decisions.prefix(rng.below(entry.decisions.count + 1)))
      scenario = entry.scenario
    } else {
      scenario = config.scenario ?? space.randomScenario(&rng, swarm: config.scheduler == .swarm)
    }
    let sched: any Scheduler
    switch config.scheduler {
    case .random, .swarm: sched = RandomScheduler(rng: rng)
    case .pct:
      sched = PCTScheduler(
        rng: rng, actors: scenario.actors.count, length: 6 * scenario.operationCount,
        depth: config.pctDepth)
    }
    return (scenario, prefix.isEmpty ? .scheduler(sched) : .prefixThen(prefix, sched))
  }

  /// Runs a budget of random runs, finishes it, and reports every distinct harm with its own
  /// shrunk counterexample. Deterministic for a seed, whatever the thread count.
  public func check(_ config: CheckConfig) -> CheckReport {
    let startTime = DispatchTime.now()
    let threads = max(1, min(config.threads, config.runs))
    let codes = instantiate(Scenario(actors: [ActorPlan(role: 0, operations: [0])])).stepCodeCount
    var total = Tally(codes: codes)
    var corpus: [Tally.Sample] = []
    var seen = Set<Signature>()
    var start = 0
    while start < config.runs {
      let count = config.guided ? min(config.generation, config.runs - start) : config.runs
      let slots = Slots([Tally](repeating: Tally(codes: codes), count: threads))
      let news = Slots([[(Tally.Sample, [Signature])]](repeating: [], count: threads))
      let snapshot = corpus
      let first = start
      DispatchQueue.concurrentPerform(iterations: threads) { t in
        var tally = Tally(codes: codes)
        var found: [(Tally.Sample, [Signature])] = []
        var i = first + t
        while i < first + count {
          runOne(i, config, snapshot, &tally, &found)
          i += threads
        }
        slots.items[t] = tally
        news.items[t] = found
      }
      for t in slots.items { total.merge(t) }
      if config.guided {
        // Runs in index order: the corpus never depends on the thread count.
        for (sample, sigs) in news.items.flatMap({ $0 }).sorted(by: { $0.0.run < $1.0.run }) {
          var novel = false
          for sig in sigs where seen.insert(sig).inserted { novel = true }
          if novel && corpus.count < 4096 { corpus.append(sample) }
        }
      }
      start += count
      if let progress = config.progress {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - startTime.uptimeNanoseconds) / 1e9
        progress(
          CheckProgress(
            runs: start, of: config.runs, steps: total.steps,
            failingRuns: total.hits.values.reduce(0) { $0 + $1.count },
            seconds: seconds))
      }
    }
    return report(config, total, start: startTime)
  }

  /// One run of a check: tallied, and kept with its signatures when guided.
  private func runOne(
    _ i: Int, _ config: CheckConfig, _ corpus: [Tally.Sample], _ tally: inout Tally,
    _ found: inout [(Tally.Sample, [Signature])]
  ) {
    let (scenario, source) = draw(i, config, corpus: corpus)
    let model = instantiate(scenario)
    let options = RunOptions(
      stepBound: config.stepBound, countSteps: true, signatures: config.guided)
    guard let r = try? model.run(source, options: options) else { return }
    tally.steps += r.decisions.count
    for b in tally.ruleRuns.indices where r.rulesBroken & (1 << b) != 0 { tally.ruleRuns[b] += 1 }
    for k in tally.actions.indices { tally.actions[k] += r.actionCounts[k] }
    for code in r.stepCodes where Int(code) < tally.stepCounts.count {
      tally.stepCounts[Int(code)] += 1
    }
    switch r.end {
    case .incomplete: tally.incomplete += 1
    case .failed:
      let key =
        storyKey(scenario, r.decisions, stepBound: config.stepBound)
        ?? StoryKey(kind: .refinement, name: "a failure that does not replay", known: false)
      tally.record(key, Tally.Sample(run: i, scenario: scenario, decisions: r.decisions))
    default: break
    }
    // Runs cut off or out of retries make poor prefixes: only completed runs guide.
    if config.guided, r.end != .incomplete {
      found.append((Tally.Sample(run: i, scenario: scenario, decisions: r.decisions), r.signatures))
    }
  }

  /// Shrinks each finding and assembles the report.
  private func report(_ config: CheckConfig, _ total: Tally, start: DispatchTime) -> CheckReport {
    var findings: [Finding] = []
    for key in total.hits.keys.sorted() {
      guard let h = total.hits[key], let first = h.samples.first else { continue }
      // Shrink each kept run; report the shortest result (ties: fewer switches, earlier run).
      var best: (Scenario, [Decision], Int)? = nil
      for sample in config.shrink ? h.samples : [first] {
        var sc = sample.scenario
        var ds = sample.decisions
        if config.shrink {
          var shrinker = Shrinker(family: self, story: key, stepBound: config.stepBound)
          (sc, ds) = shrinker.shrink(sc, ds)
        }
        if let b = best,
          (b.1.count, b.1.contextSwitches) <= (ds.count, ds.contextSwitches)
        {
          continue
        }
        best = (sc, ds, sample.decisions.count)
      }
      guard let (sc, ds, original) = best,
        let ce = counterexample(sc, ds, stepBound: config.stepBound)
      else { continue }
      findings.append(
        Finding(
          kind: key.kind, story: key, known: knownStory(key), runs: h.count, firstRun: first.run,
          counterexample: ce, originalLength: original))
    }
    var coverage: [ActionName: Int] = [:]
    for (k, name) in ActionName.allCases.enumerated() { coverage[name] = total.actions[k] }
    let model = instantiate(Scenario(actors: [ActorPlan(role: 0, operations: [0])]))
    var stepCoverage: [String: Int] = [:]
    for (code, n) in total.stepCounts.enumerated() where n > 0 {
      stepCoverage[model.stepName(code: UInt16(code)), default: 0] += n
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    var rules: [String: Int] = [:]
    for (b, n) in total.ruleRuns.enumerated() where n > 0 {
      if let text = model.ruleName(bit: b) { rules[text] = n }
    }
    var report = CheckReport(
      model: name, reverted: reverted, runs: config.runs, incompleteRuns: total.incomplete,
      steps: total.steps, seconds: seconds, findings: findings, coverage: coverage,
      stepCoverage: stepCoverage)
    report.rulesBroken = rules
    return report
  }
}

extension ModelFamily {
  /// Replays one schedule strictly (every entry must apply) and reports it as a one-run check:
  /// refuted with its counterexample if it fails, holds if it passes, inconclusive if it stops
  /// short.
  public func replay(_ scenario: Scenario, _ decisions: [Decision]) throws(ScheduleMismatch)
    -> CheckReport
  {
    let start = DispatchTime.now()
    let model = instantiate(scenario)
    let result = try model.run(.strict(decisions), options: RunOptions(record: true))
    var findings: [Finding] = []
    if let v = result.violation {
      let ce = render(model, scenario, result, v)
      let key = storyKey(model, result.trace, v)
      findings = [
        Finding(
          kind: v.kind, story: key, known: knownStory(key), runs: 1, firstRun: 0,
          counterexample: ce, originalLength: ce.length)
      ]
    }
    var coverage: [ActionName: Int] = [:]
    for (k, name) in ActionName.allCases.enumerated() { coverage[name] = result.actionCounts[k] }
    let incomplete: Int
    switch result.end {
    case .incomplete, .scheduleExhausted: incomplete = 1
    default: incomplete = 0
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    return CheckReport(
      model: name, reverted: reverted, runs: 1, incompleteRuns: incomplete,
      steps: result.decisions.count, seconds: seconds, findings: findings, coverage: coverage,
      stepCoverage: [:])
  }
}
