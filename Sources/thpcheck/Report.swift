import THPEngine
import THPKernel
import THPSpec

/// One result as §7's JSON gives it.
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
  struct FindingJSON: Encodable {
    let kind: String
    let runs: Int
    let violation: ViolationJSON
    let counterexample: CounterexampleJSON
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
        kind: $0.kind.rawValue, runs: $0.runs, violation: Self.violation($0.counterexample),
        counterexample: Self.counterexample($0.counterexample))
    }
    violation = findings.first?.violation
    counterexample = findings.first?.counterexample
    var cov: [String: Int] = [:]
    for (k, v) in r.coverage { cov[k.rawValue] = v }
    coverage = cov
  }

  static func violation(_ ce: Counterexample) -> ViolationJSON {
    ViolationJSON(kind: ce.violation.kind.rawValue, message: ce.violation.message, step: ce.violation.step)
  }

  static func counterexample(_ ce: Counterexample) -> CounterexampleJSON {
    CounterexampleJSON(length: ce.length, actors: ce.actors, replay: ce.token.description, trace: ce.rows)
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
  }
  struct Fix: Encodable {
    let id: String
    let title: String
    let seed: String
  }
  let models: [Model]
  let fixes: [Fix]
  let actions: [String]
  let violationKinds: [String]
}
