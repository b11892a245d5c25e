import THPSpec

/// One step of a recorded trace.
public struct TraceEntry: Sendable, Hashable {
  /// Which actor stepped.
  public var actor: Int
  /// The decision taken.
  public var decision: Decision
  /// What the step did.
  public var outcome: StepOutcome
  /// The abstract state after the step.
  public var abstract: AbstractState
}

/// How a run ended.
public enum RunEnd: Sendable, Hashable {
  /// Every actor finished and nothing went wrong.
  case passed
  /// A harm was found.
  case failed(Violation)
  /// Cut off by the step bound, or an actor ran out of retries.
  case incomplete
  /// A replayed schedule ran out before the run ended.
  case scheduleExhausted
}

extension RunEnd {
  /// How the run ended, in a word or two (`passed`, `lost-write`).
  public var summary: String {
    switch self {
    case .passed: "passed"
    case .failed(let v): v.kind.rawValue
    case .incomplete: "incomplete"
    case .scheduleExhausted: "out of schedule"
    }
  }
}

/// The result of one run.
public struct RunResult: Sendable {
  /// The decisions actually taken, in order (a replayable schedule).
  public var decisions: [Decision]
  /// How it ended.
  public var end: RunEnd
  /// The trace, when recording was asked for.
  public var trace: [TraceEntry]
  /// How many times each spec action was taken.
  public var actionCounts: [Int]
  /// The code of each step, in order, when counting was asked for (``RunOptions/countSteps``).
  public var stepCodes: [UInt16]
  /// The rule bits broken anywhere in the run (low 24 bits of ``StepOutcome/rules``).
  public var rulesBroken: UInt32 = 0
  /// The run's signatures, when asked for.
  public var signatures: [Signature] = []

  /// The violation, if the run failed.
  public var violation: Violation? {
    if case .failed(let v) = end { return v }
    return nil
  }
}

/// Options for running.
public struct RunOptions: Sendable {
  /// Steps after which a run with unfinished actors counts as incomplete.
  public var stepBound: Int = 500
  /// Whether to keep the full trace.
  public var record: Bool = false
  /// Whether to count step codes (coverage of kernel paths).
  public var countSteps: Bool = false
  /// Whether to collect the run's signatures (guided checks).
  public var signatures: Bool = false

  /// Default options.
  public init(
    stepBound: Int = 500, record: Bool = false, countSteps: Bool = false, signatures: Bool = false
  ) {
    self.stepBound = stepBound
    self.record = record
    self.countSteps = countSteps
    self.signatures = signatures
  }
}

/// Where a schedule comes from.
public enum ScheduleSource {
  /// A scheduler decides as the run goes.
  case scheduler(any Scheduler)
  /// A fixed list, every entry of which must apply, and nothing left over when the run ends.
  case strict([Decision])
  /// A fixed list; entries that do not apply are skipped, choices clamped (shrinking).
  case lenient([Decision])
  /// A fixed prefix replayed leniently, then a scheduler decides (guided runs).
  case prefixThen([Decision], any Scheduler)
}

/// What a run reached, for guidance: a step code with the abstract state it produced.
public struct Signature: Hashable, Sendable {
  /// The step's code.
  public var code: UInt16
  /// The abstract state after it.
  public var state: AbstractState
}

/// A schedule entry that does not apply to the model (strict replay).
public struct ScheduleMismatch: Error, Sendable, CustomStringConvertible {
  /// Index of the entry.
  public var index: Int
  /// Why it does not apply.
  public var reason: String
  public var description: String { "schedule entry \(index) does not apply: \(reason)" }
}

extension CheckedModel {
  /// Runs the model from its initial state, checking every step against the spec.
  public func run(_ source: ScheduleSource, options: RunOptions = RunOptions())
    throws(ScheduleMismatch)
    -> RunResult
  {
    // The scheduler is opened once here, so the loop calls it in place (an `any Scheduler`
    // larger than an existential's inline buffer would be copied into a fresh box every step).
    switch source {
    case .scheduler(let sch): return try run(prefix: [], strict: false, then: sch, options)
    case .strict(let d):
      let r = try run(prefix: d, strict: true, then: RandomScheduler?.none, options)
      // Strict means exact: a schedule that goes on after its run ended is not that run's.
      if r.decisions.count < d.count {
        let extra = d.count - r.decisions.count
        throw ScheduleMismatch(
          index: r.decisions.count,
          reason: "the run had already ended after \(r.decisions.count) steps (\(r.end.summary)); "
            + "the schedule has \(extra) \(extra == 1 ? "entry" : "entries") too many")
      }
      return r
    case .lenient(let d):
      return try run(prefix: d, strict: false, then: RandomScheduler?.none, options)
    case .prefixThen(let d, let sch): return try run(prefix: d, strict: false, then: sch, options)
    }
  }

  /// The run loop: `fixed` replayed first (strictly or leniently), then `scheduler`, if any.
  private func run<S: Scheduler>(
    prefix fixed: [Decision], strict: Bool, then scheduler: S?, _ options: RunOptions
  ) throws(ScheduleMismatch) -> RunResult {
    var scheduler = scheduler
    var s = initialState()
    var abs = abstraction(s)
    var decisions: [Decision] = []
    var trace: [TraceEntry] = []
    var actionCounts = [Int](repeating: 0, count: ActionName.allCases.count)
    var stepCodes: [UInt16] = []
    var rulesBroken: UInt32 = 0
    var ready: [Int] = []
    ready.reserveCapacity(actorCount)
    var cursor = 0
    var yielded = true
    var signatures: [Signature] = []

    func finish(_ end: RunEnd) -> RunResult {
      RunResult(
        decisions: decisions, end: end, trace: trace, actionCounts: actionCounts,
        stepCodes: stepCodes, rulesBroken: rulesBroken, signatures: signatures)
    }

    while true {
      ready.removeAll(keepingCapacity: true)
      var unfinished = false
      var gaveUp = false
      for i in 0..<actorCount {
        switch status(s, i) {
        case .ready:
          ready.append(i)
          unfinished = true
        case .blocked: unfinished = true
        case .done: break
        case .gaveUp: gaveUp = true
        }
      }
      if ready.isEmpty {
        if unfinished {
          let blocked = (0..<actorCount).filter { status(s, $0) == .blocked }.map(actorName)
          return finish(.failed(.deadlock(blocked: blocked, step: max(decisions.count - 1, 0))))
        }
        return finish(gaveUp ? .incomplete : .passed)
      }
      if decisions.count >= options.stepBound { return finish(.incomplete) }

      var picked: (actor: Int, choice: Int)? = nil
      while picked == nil, cursor < fixed.count {
        let d = fixed[cursor]
        cursor += 1
        let a = Int(d.actor)
        if a < actorCount, ready.contains(a) {
          let n = choiceCount(s, a)
          if Int(d.choice) < n {
            picked = (a, Int(d.choice))
          } else if strict {
            throw ScheduleMismatch(
              index: cursor - 1, reason: "\(actorName(a)) has \(n) outcome(s), not \(d.choice + 1)")
          } else {
            picked = (a, n - 1)
          }
        } else if strict {
          let why = a < actorCount ? "\(actorName(a)) cannot step now" : "no actor \(a)"
          throw ScheduleMismatch(index: cursor - 1, reason: why)
        }
      }
      if picked == nil,
        let a = scheduler?.pickActor(ready: ready, step: decisions.count, yielded: yielded),
        let c = scheduler?.pickChoice(count: choiceCount(s, a))
      {
        picked = (a, c)
      }
      guard let (actor, choice) = picked else { return finish(.scheduleExhausted) }

      let decision = Decision(actor: actor, choice: choice)
      let o = step(&s, actor, choice: choice)
      yielded = o.yields
      decisions.append(decision)
      if options.countSteps { stepCodes.append(o.code) }
      rulesBroken |= o.rules & 0x00FF_FFFF
      let post = abstraction(s)
      if options.signatures { signatures.append(Signature(code: o.code, state: post)) }
      if let t = o.transition { actionCounts[t.action.index] += 1 }
      if options.record {
        trace.append(TraceEntry(actor: actor, decision: decision, outcome: o, abstract: post))
      }
      let index = decisions.count - 1
      if let v = judge(pre: abs, outcome: o, post: post, state: s, index: index) {
        return finish(.failed(v))
      }
      abs = post
    }
  }

  /// The harm of one step, if any: the model's own, the spec's, then the invariants, in the
  /// precedence order of ``ViolationKind``; at quiescence, accounting.
  func judge(
    pre: AbstractState, outcome o: StepOutcome, post: AbstractState, state s: State, index: Int
  )
    -> Violation?
  {
    var best: Violation? = nil
    func offer(_ kind: ViolationKind, _ message: @autoclosure () -> String) {
      if let b = best, !(kind < b.kind) { return }
      best = Violation(kind: kind, message: message(), step: index)
    }
    if let h = o.harm { offer(h, harmText(o)) }
    if let b = THPSpec.check(pre: pre, o.transition, post: post) { offer(b.kind, b.message) }
    let quiet = isQuiescent(s)
    if let inv = THPSpec.brokenInvariant(post, quiescent: quiet) {
      offer(inv.harm, "invariant \(inv.name) broken: \(inv.text) [\(post)]")
    }
    if best == nil, quiet, let left = leftover(s) { offer(.accountingLeak, left) }
    return best
  }
}
