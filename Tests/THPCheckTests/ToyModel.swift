import Foundation
import THPEngine
import THPSpec

/// A toy model for testing the engine alone, with nothing of the kernel in it: a few actors,
/// two locks (`A` and `B`) and a shared counter. Every claim the engine makes (deadlock
/// detection, harm precedence, shrinking to a fixed point, the schedulers, guided runs, the
/// explorer's counts) can be checked on it against numbers worked out by hand.
///
/// The roles, in scenario order (letters as in replay tokens):
/// - `task A` (`A`) and `task B` (`B`): `i` increments the counter without a lock (`load`,
///   `store`); `l` increments it under lock A; `a` first allocates (a choice point: the
///   allocation may fail, which ends the operation), then increments under lock A.
/// - `ab` (`P`): `l` takes lock A then lock B, increments, and releases both.
/// - `ba` (`Q`): `l` takes lock B then lock A (the AB/BA deadlock with `ab`).
/// - `reader` (`R`): `c` reads the counter, and hits `BUG_ON(counter == watch)`.
/// - `roller` (`L`): `r` is one choice point with eight outcomes; the last increments.
/// - `harmer` (`X`): `x` is one step that is every harm of ``ToyFamily/doubleFault`` at once.
///
/// A store that overwrites an increment made since its load is a `lost-write`; a store or roll
/// that takes the counter above ``ToyFamily/limit`` is a `kernel-bug`. Every step is a natural
/// preemption point (each touches a lock or the counter), so PCT's candidate points are steps.
struct ToyFamily: ModelFamily {
  /// The harms the harmer's one step makes at once: its own (`model`), one the spec sees
  /// (`spec`, from a breach of the abstract state: `lost-write`, `stale-read`, `zap-ignored` or
  /// `refinement`), and whether it leaves something over at quiescence (`leak`).
  struct DoubleFault: Sendable, Hashable, CustomStringConvertible {
    var model: ViolationKind?
    var spec: ViolationKind?
    var leak: Bool

    var description: String {
      "model: \(model?.rawValue ?? "-"), spec: \(spec?.rawValue ?? "-"), leak: \(leak)"
    }
  }

  let name = "toy"
  let reverted: [String] = []
  /// `BUG_ON(counter > limit)` at every store and roll.
  var limit = 200
  /// `BUG_ON(counter == watch)` at the reader's check.
  var watch = 200
  /// What the harmer's step does.
  var doubleFault = DoubleFault(model: nil, spec: nil, leak: false)
  /// Sees every scenario instantiated, when set (for the swarm test).
  var recorder: ScenarioRecorder? = nil

  static let roles: [RoleSpec] = [
    RoleSpec(name: "task A", letter: "A", operations: ["i", "l", "a"], maxOperations: 3),
    RoleSpec(name: "task B", letter: "B", operations: ["i", "l", "a"], maxOperations: 3),
    RoleSpec(name: "ab", letter: "P", operations: ["l"], maxOperations: 2),
    RoleSpec(name: "ba", letter: "Q", operations: ["l"], maxOperations: 2),
    RoleSpec(name: "reader", letter: "R", operations: ["c"], maxOperations: 1),
    RoleSpec(name: "roller", letter: "L", operations: ["r"], maxOperations: 3),
    RoleSpec(name: "harmer", letter: "X", operations: ["x"], maxOperations: 1),
  ]

  var space: ScenarioSpace { ScenarioSpace(roles: Self.roles) }

  func instantiate(_ scenario: Scenario) -> ToyModel {
    recorder?.record(scenario)
    return ToyModel(family: self, scenario: scenario)
  }

  /// The scenario with these letters (`Alll,Rc`); nil if they do not fit.
  func scenario(_ letters: String) -> Scenario? {
    Scenario(encoded: Substring(letters), in: space)
  }
}

/// Collects the scenarios a family instantiates, from any thread.
final class ScenarioRecorder: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [Scenario] = []

  /// Records one scenario.
  func record(_ s: Scenario) { lock.withLock { items.append(s) } }
  /// Everything recorded, in order.
  var scenarios: [Scenario] { lock.withLock { items } }
}

/// One atomic step of the toy, as its step code.
enum ToyStep: UInt16, CaseIterable {
  case load, store, lockA, lockB, unlockA, unlockB, allocOK, allocFails, check, rollMiss, rollHit
  case doubleFault

  var name: String {
    switch self {
    case .load: "load counter"
    case .store: "store counter"
    case .lockA: "lock A"
    case .lockB: "lock B"
    case .unlockA: "unlock A"
    case .unlockB: "unlock B"
    case .allocOK: "alloc"
    case .allocFails: "alloc: fails"
    case .check: "check counter"
    case .rollMiss: "roll: miss"
    case .rollHit: "roll: hit"
    case .doubleFault: "double fault"
    }
  }
}

/// The toy's concrete state: a value.
struct ToyState: Hashable, Sendable {
  var counter: UInt8 = 0
  /// The owner of lock A and of lock B (actor index), or -1.
  var owner: [Int8] = [-1, -1]
  /// Per actor: the operation it is in (or past the last: done).
  var op: [UInt8]
  /// Per actor: the step within its operation (0: between operations).
  var pc: [UInt8]
  /// Per actor: the value its last load read.
  var local: [UInt8]
  /// Set by the harmer: abstract hinting (a refinement breach).
  var hinting = false
  /// Set by the harmer: something left over at quiescence.
  var leaked = false
}

/// The toy for one scenario.
struct ToyModel: CheckedModel {
  typealias State = ToyState

  /// Rule bits (marks, not harms).
  static let unlockedStore: UInt32 = 1 << 0
  static let lockOrder: UInt32 = 1 << 1

  let family: ToyFamily
  /// Each actor's role index.
  let roles: [Int]
  /// Each actor's program: one list of steps per operation.
  let programs: [[[ToyStep]]]

  init(family: ToyFamily, scenario: Scenario) {
    self.family = family
    roles = scenario.actors.map(\.role)
    programs = scenario.actors.map { plan in
      plan.operations.map { op in
        let letter = ToyFamily.roles[plan.role].operations[Int(op)]
        switch (plan.role, letter) {
        case (_, "i"): return [.load, .store]
        case (_, "a"): return [.allocOK, .lockA, .load, .store, .unlockA]
        case (2, "l"): return [.lockA, .lockB, .load, .store, .unlockB, .unlockA]
        case (3, "l"): return [.lockB, .lockA, .load, .store, .unlockA, .unlockB]
        case (_, "l"): return [.lockA, .load, .store, .unlockA]
        case (_, "c"): return [.check]
        case (_, "r"): return [.rollMiss]
        default: return [.doubleFault]
        }
      }
    }
  }

  var actorCount: Int { roles.count }
  func actorName(_ i: Int) -> String { ToyFamily.roles[roles[i]].name }

  /// Packed: the shared fields in one word, then one word per actor (op, pc, local).
  var packedWordCount: Int { 1 + roles.count }

  func pack(_ s: ToyState, into words: inout [UInt64]) {
    words.append(
      UInt64(s.counter) | UInt64(UInt8(bitPattern: s.owner[0])) << 8
        | UInt64(UInt8(bitPattern: s.owner[1])) << 16 | (s.hinting ? 1 << 24 : 0)
        | (s.leaked ? 1 << 25 : 0))
    for i in roles.indices {
      words.append(UInt64(s.op[i]) | UInt64(s.pc[i]) << 8 | UInt64(s.local[i]) << 16)
    }
  }

  func unpack(_ words: ArraySlice<UInt64>) -> ToyState {
    let h = words[words.startIndex]
    var s = initialState()
    s.counter = UInt8(h & 0xFF)
    s.owner = [Int8(bitPattern: UInt8(h >> 8 & 0xFF)), Int8(bitPattern: UInt8(h >> 16 & 0xFF))]
    s.hinting = h >> 24 & 1 != 0
    s.leaked = h >> 25 & 1 != 0
    for i in roles.indices {
      let w = words[words.startIndex + 1 + i]
      s.op[i] = UInt8(w & 0xFF)
      s.pc[i] = UInt8(w >> 8 & 0xFF)
      s.local[i] = UInt8(w >> 16 & 0xFF)
    }
    return s
  }

  func initialState() -> ToyState {
    ToyState(
      op: [UInt8](repeating: 0, count: roles.count), pc: [UInt8](repeating: 0, count: roles.count),
      local: [UInt8](repeating: 0, count: roles.count))
  }

  /// Actor `i`'s next step, or nil when it is done.
  func next(_ s: ToyState, _ i: Int) -> ToyStep? {
    let op = Int(s.op[i])
    guard op < programs[i].count else { return nil }
    return programs[i][op][Int(s.pc[i])]
  }

  func status(_ s: ToyState, _ i: Int) -> ActorStatus {
    switch next(s, i) {
    case nil: .done
    case .lockA: s.owner[0] < 0 ? .ready : .blocked
    case .lockB: s.owner[1] < 0 ? .ready : .blocked
    default: .ready
    }
  }

  func choiceCount(_ s: ToyState, _ i: Int) -> Int {
    switch next(s, i) {
    case .allocOK: 2
    case .rollMiss: 8
    default: 1
    }
  }

  func step(_ s: inout ToyState, _ i: Int, choice: Int) -> StepOutcome {
    guard var st = next(s, i) else { return StepOutcome(code: ToyStep.load.rawValue) }
    var transition: Transition? = nil
    var harm: ViolationKind? = nil
    var rules: UInt32 = 0
    var endOp = false
    func bug(_ kind: ViolationKind) { if harm.map({ kind < $0 }) ?? true { harm = kind } }
    switch st {
    case .load: s.local[i] = s.counter
    case .store:
      if s.counter != s.local[i] { bug(.lostWrite) }
      s.counter = s.local[i] &+ 1
      if Int(s.counter) > family.limit { bug(.kernelBug) }
      if s.owner[0] != Int8(i) { rules |= Self.unlockedStore }
      transition = .write(.taskA, s.counter)
    case .lockA: s.owner[0] = Int8(i)
    case .lockB:
      s.owner[1] = Int8(i)
      if s.owner[0] != Int8(i) { rules |= Self.lockOrder }
    case .unlockA: s.owner[0] = -1
    case .unlockB: s.owner[1] = -1
    case .allocOK, .allocFails:
      if choice != 0 {
        st = .allocFails
        endOp = true
      }
    case .check:
      if Int(s.counter) == family.watch { bug(.kernelBug) }
      transition = .read(.taskB, s.counter)
    case .rollMiss, .rollHit:
      if choice == 7 {
        st = .rollHit
        s.counter &+= 1
        if Int(s.counter) > family.limit { bug(.kernelBug) }
        transition = .write(.taskA, s.counter)
      }
    case .doubleFault:
      let d = family.doubleFault
      harm = d.model
      s.leaked = d.leak
      switch d.spec {
      case .lostWrite?: s.counter &+= 1  // a stutter that changes the data
      case .staleRead?: transition = .read(.taskB, s.counter &+ 1)
      case .zapIgnored?: transition = .plain(.zap)  // the range survives its discard
      case .refinement?: s.hinting.toggle()  // a stutter that arms hinting
      default: break
      }
    }
    s.pc[i] += 1
    if endOp || Int(s.pc[i]) == programs[i][Int(s.op[i])].count {
      s.pc[i] = 0
      s.op[i] += 1
    }
    var o = StepOutcome(
      code: st.rawValue, detail: UInt32(s.counter), transition: transition, harm: harm,
      rules: rules)
    o.yields = true
    return o
  }

  func abstraction(_ s: ToyState) -> AbstractState {
    var a = AbstractState.initial
    a.data = s.counter
    a.hinting = s.hinting
    a[.taskA] = .page
    a[.taskB] = .page
    return a
  }

  func isQuiescent(_ s: ToyState) -> Bool { s.pc.allSatisfy { $0 == 0 } }

  func leftover(_ s: ToyState) -> String? {
    if s.leaked { return "the harmer's reference is left over" }
    if s.owner[0] >= 0 { return "lock A is held at quiescence" }
    if s.owner[1] >= 0 { return "lock B is held at quiescence" }
    return nil
  }

  var stepCodeCount: Int { ToyStep.allCases.count }
  func stepName(code: UInt16) -> String { ToyStep(rawValue: code)?.name ?? "?" }

  func describe(_ o: StepOutcome) -> String {
    guard let st = ToyStep(rawValue: o.code) else { return "?" }
    switch st {
    case .load, .store, .check, .rollHit: return "\(st.name) = \(o.detail)"
    default: return st.name
    }
  }

  func ruleTexts(_ o: StepOutcome) -> [String] {
    (0..<2).compactMap { o.rules & (1 << $0) != 0 ? ruleName(bit: $0) : nil }
  }

  func ruleName(bit: Int) -> String? {
    switch bit {
    case 0: "counter stored without holding lock A"
    case 1: "lock B taken before lock A"
    default: nil
    }
  }

  func harmText(_ o: StepOutcome) -> String {
    switch ToyStep(rawValue: o.code) {
    case .store where o.harm == .lostWrite: "the store overwrote an increment made since the load"
    case .check: "BUG_ON(counter == \(family.watch))"
    case .doubleFault: "the harmer's own \(o.harm?.rawValue ?? "harm")"
    default: "BUG_ON(counter > \(family.limit))"
    }
  }
}
