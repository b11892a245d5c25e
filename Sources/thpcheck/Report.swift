import THPEngine
import THPKernel
import THPSpec

/// One result as the contract's JSON (Spec/THPSpec.docc/CommandLine.md) gives it.
struct ResultJSON: Encodable {
  struct ViolationJSON: Encodable {
    let kind: String
    let message: String
    let step: Int
  }
  struct CounterexampleJSON: Encodable {
    let length: Int
    let actors: [String]
    let replay: String
    let trace: [TraceRow]
  }
  struct KnownJSON: Encodable {
    let id: String
    let evidence: String
  }
  struct FindingJSON: Encodable {
    let kind: String
    /// The story: a catalogue entry's id, or where the harm happened for a new one.
    let story: String
    let runs: Int
    /// Whether exhaustive exploration of the entry's witness reproduced it (the runs did not).
    let byWitness: Bool
    let violation: ViolationJSON
    let counterexample: CounterexampleJSON
    let known: KnownJSON?

    private enum CodingKeys: String, CodingKey {
      case kind, story, runs, byWitness, violation, counterexample, known
    }

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(kind, forKey: .kind)
      try c.encode(story, forKey: .story)
      try c.encode(runs, forKey: .runs)
      try c.encode(byWitness, forKey: .byWitness)
      try c.encode(violation, forKey: .violation)
      try c.encode(counterexample, forKey: .counterexample)
      try c.encodeOrNull(known, forKey: .known)
    }
  }
  let model: String
  let reverted: [String]
  let expected: String
  let verdict: String
  let runs: Int
  let incompleteRuns: Int
  let steps: Int
  let seconds: Double
  let violation: ViolationJSON?
  let counterexample: CounterexampleJSON?
  let findings: [FindingJSON]
  let coverage: [String: Int]
  /// Runs in which each kernel rule broke (an addition to the contract's keys).
  let rulesBroken: [String: Int]

  private enum CodingKeys: String, CodingKey {
    case model, reverted, expected, verdict, runs, incompleteRuns, steps, seconds, violation
    case counterexample, findings, coverage, rulesBroken
  }

  /// Encodes every key; `violation` and `counterexample` as null when nothing was found.
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(model, forKey: .model)
    try c.encode(reverted, forKey: .reverted)
    try c.encode(expected, forKey: .expected)
    try c.encode(verdict, forKey: .verdict)
    try c.encode(runs, forKey: .runs)
    try c.encode(incompleteRuns, forKey: .incompleteRuns)
    try c.encode(steps, forKey: .steps)
    try c.encode(seconds, forKey: .seconds)
    try c.encodeOrNull(violation, forKey: .violation)
    try c.encodeOrNull(counterexample, forKey: .counterexample)
    try c.encode(findings, forKey: .findings)
    try c.encode(coverage, forKey: .coverage)
    try c.encode(rulesBroken, forKey: .rulesBroken)
  }

  init(_ r: CheckReport, expected: Verdict) {
    model = r.model
    reverted = r.reverted
    self.expected = expected.rawValue
    verdict = r.verdict.rawValue
    runs = r.runs
    incompleteRuns = r.incompleteRuns
    steps = r.steps
    seconds = (r.seconds * 1000).rounded() / 1000
    findings = r.findings.map {
      FindingJSON(
        kind: $0.kind.rawValue, story: $0.story.name, runs: $0.runs, byWitness: $0.byWitness,
        violation: Self.violation($0.counterexample),
        counterexample: Self.counterexample($0.counterexample),
        known: $0.known.map { KnownJSON(id: $0.id, evidence: $0.evidence) })
    }
    violation = findings.first?.violation
    counterexample = findings.first?.counterexample
    var cov: [String: Int] = [:]
    for (k, v) in r.coverage { cov[k.rawValue] = v }
    coverage = cov
    rulesBroken = r.rulesBroken
  }

  static func violation(_ ce: Counterexample) -> ViolationJSON {
    ViolationJSON(
      kind: ce.violation.kind.rawValue, message: ce.violation.message, step: ce.violation.step)
  }

  static func counterexample(_ ce: Counterexample) -> CounterexampleJSON {
    CounterexampleJSON(
      length: ce.length, actors: ce.actors, replay: ce.token.description, trace: ce.rows)
  }
}

/// `check --json` and `replay --json`.
struct CheckJSON: Encodable {
  let ok: Bool
  let results: [ResultJSON]
}

/// `list --json`.
struct ListJSON: Encodable {
  struct Model: Encodable {
    let name: String
    let kernel: String
    let commit: String
    let expected: String
    let demonstrates: [String]
    let catalogue: [Entry]
  }
  /// One catalogue entry: its story's harm and steps, its evidence, its witness scenario.
  struct Entry: Encodable {
    let id: String
    let kind: String
    let evidence: String
    let witness: String
    let story: [String]

    init(_ e: KnownStory) {
      id = e.id
      kind = e.story.kind.rawValue
      evidence = e.evidence
      witness = e.witness
      story = e.story.steps.map(\.description)
    }
  }
  struct Fix: Encodable {
    let id: String
    let title: String
    let seed: String
    /// The model it is reverted from.
    let model: String
  }
  let models: [Model]
  let fixes: [Fix]
  let actions: [String]
  let violationKinds: [String]
}

/// `explore --json`.
struct ExploreJSON: Encodable {
  let model: String
  let reverted: [String]
  let scenario: String
  let expected: String
  let verdict: String
  let states: Int
  let transitions: Int
  let seconds: Double
  let complete: Bool
  let violation: ResultJSON.ViolationJSON?
  let counterexample: ResultJSON.CounterexampleJSON?
  /// With `--stories all`: every distinct story, each with a shortest counterexample (an
  /// addition to the contract's keys).
  let stories: [ResultJSON.FindingJSON]

  private enum CodingKeys: String, CodingKey {
    case model, reverted, scenario, expected, verdict, states, transitions, seconds, complete
    case violation, counterexample, stories
  }

  /// Encodes every key; `violation` and `counterexample` as null when nothing was found.
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(model, forKey: .model)
    try c.encode(reverted, forKey: .reverted)
    try c.encode(scenario, forKey: .scenario)
    try c.encode(expected, forKey: .expected)
    try c.encode(verdict, forKey: .verdict)
    try c.encode(states, forKey: .states)
    try c.encode(transitions, forKey: .transitions)
    try c.encode(seconds, forKey: .seconds)
    try c.encode(complete, forKey: .complete)
    try c.encodeOrNull(violation, forKey: .violation)
    try c.encodeOrNull(counterexample, forKey: .counterexample)
    try c.encode(stories, forKey: .stories)
  }

  init(_ r: ExploreReport, scenario: String, expected: Verdict, known: (StoryKey) -> KnownStory?) {
    model = r.model
    reverted = r.reverted
    self.scenario = scenario
    self.expected = expected.rawValue
    verdict = r.verdict.rawValue
    states = r.states
    transitions = r.transitions
    seconds = (r.seconds * 1000).rounded() / 1000
    complete = r.complete
    if let ce = r.counterexample {
      violation = ResultJSON.violation(ce)
      counterexample = ResultJSON.counterexample(ce)
    } else {
      violation = r.violation.map {
        ResultJSON.ViolationJSON(kind: $0.kind.rawValue, message: $0.message, step: $0.step)
      }
      counterexample = nil
    }
    stories = r.stories.map { key, ce in
      ResultJSON.FindingJSON(
        kind: key.kind.rawValue, story: key.name, runs: 0, byWitness: false,
        violation: ResultJSON.violation(ce), counterexample: ResultJSON.counterexample(ce),
        known: known(key).map { ResultJSON.KnownJSON(id: $0.id, evidence: $0.evidence) })
    }
  }
}

/// `bench --json`.
struct BenchJSON: Encodable {
  struct TimeToCounterexample: Encodable {
    let model: String
    let reverted: [String]
    /// Null when no seed found a failure within the run cap.
    let medianSeconds: Double?
    /// Null when no seed found a failure within the run cap.
    let shrunkLength: Int?

    private enum CodingKeys: String, CodingKey { case model, reverted, medianSeconds, shrunkLength }

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(model, forKey: .model)
      try c.encode(reverted, forKey: .reverted)
      if let medianSeconds {
        try c.encode(medianSeconds, forKey: .medianSeconds)
      } else {
        try c.encodeNil(forKey: .medianSeconds)
      }
      if let shrunkLength {
        try c.encode(shrunkLength, forKey: .shrunkLength)
      } else {
        try c.encodeNil(forKey: .shrunkLength)
      }
    }
  }
  struct Exhaustive: Encodable {
    let model: String
    let states: Int
    let seconds: Double
  }
  /// One large exploration of `bench --big`.
  struct Big: Encodable {
    let model: String
    let scenario: String
    let states: Int
    let transitions: Int
    let seconds: Double
    /// The process's peak resident memory during it, in bytes (VmHWM, reset before it).
    let peakBytes: Int
    let complete: Bool
    /// Whether a reduction was used: the two tasks' symmetry (no partial-order reduction
    /// exists yet).
    let reduction: Bool
  }
  let model: String
  let stepsPerSecond: Double
  let timeToCounterexample: [TimeToCounterexample]
  let exhaustive: Exhaustive
  /// `bench --big` only (absent otherwise).
  var big: [Big]? = nil
}

extension KeyedEncodingContainer {
  /// Encodes `value`, or an explicit null: the contract lists every key, found or not.
  mutating func encodeOrNull<T: Encodable>(_ value: T?, forKey key: Key) throws {
    if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
  }
}
