import THPEngine
import THPSpec

/// A kernel era running one scenario: the concrete transition system the engine checks.
public struct THPModel: CheckedModel {
  public typealias State = World

  let era: AnyEra
  /// Each actor's role, in scenario order.
  let roles: [Role]
  /// Each actor's operations.
  let ops: [[UInt8]]
  /// Each actor's write operations, as ``Ctx/writeOps`` says them.
  let writeOps: [UInt8]
  /// Fault entries allowed per operation (1 + retries).
  let maxFaults: UInt8
  /// Frames the allocator can hand out in all.
  let frameLimit: Int

  init(era: AnyEra, scenario: Scenario, space: [Role], retries: Int = 2, frames: Int = 3) {
    self.era = era
    roles = scenario.actors.map { space[$0.role] }
    ops = scenario.actors.map(\.operations)
    writeOps = ops.map { ops in
      ops.indices.reduce(UInt8(0)) { mask, k in ops[k] == 1 ? mask | 1 << k : mask }
    }
    maxFaults = UInt8(1 + retries)
    frameLimit = frames
    if let a = roles.firstIndex(of: .taskA), let b = roles.firstIndex(of: .taskB),
      ops[a] == ops[b]
    {
      symmetricTasks = (a, b)
    } else {
      symmetricTasks = nil
    }
  }

  /// The indices of task A and task B when they have the same operations (see
  /// ``mirror(_:)``).
  let symmetricTasks: (Int, Int)?

  public var actorCount: Int { roles.count }

  public func actorName(_ i: Int) -> String { roles[i].name }

  func ctx(_ a: Int) -> Ctx {
    Ctx(
      a: a, role: roles[a], opCount: ops[a].count, writeOps: writeOps[a], actorCount: roles.count,
      maxFaults: maxFaults,
      frameLimit: frameLimit)
  }

  public func initialState() -> World {
    var w = World.initial(actorCount: roles.count)
    // The page was populated and used before the scenario starts: each CPU and the device hold
    // a translation of it, as in seed 004's diagram ("writes the THP via its own TLB").
    for role in roles { if let slot = role.tlbSlot { w.preload(slot: slot, dirtyOK) } }
    for a in 0..<roles.count {
      let start: Shared
      switch roles[a] {
      case .taskA, .taskB, .device: start = .access
      default: start = .opStart
      }
      w.actors[a].pc = ops[a].isEmpty ? Shared.done.rawValue : start.rawValue
    }
    return w
  }

  public func status(_ w: World, _ a: Int) -> ActorStatus {
    let pc = w.actors[a].pc
    if pc == Shared.done.rawValue { return .done }
    if pc == Shared.gaveUp.rawValue { return .gaveUp }
    switch SharedProcedures.wait(at: pc, w, ctx(a), era: era) {
    case .nothing: return .ready
    case .ptl: return w.peekPTLHolder == 0 ? .ready : .blocked
    case .pageUnlocked:
      let f = w.actors[a].pageFrame
      return f < World.maxFrames && w.peekFrame(f).isLocked ? .blocked : .ready
    case .ipi: return w.ipiBlocked(by: a, actors: roles.count) ? .blocked : .ready
    case .frame:
      return !w.canAllocate(limit: frameLimit) && w.populating(besides: a, actors: roles.count)
        ? .blocked : .ready
    }
  }

  public func choiceCount(_ w: World, _ a: Int) -> Int {
    era.choices(w.actors[a].pc, w, ctx(a))
  }

  public func step(_ w: inout World, _ a: Int, choice: Int) -> StepOutcome {
    var fx = Fx()
    w.beginStep()
    SharedProcedures.dispatch(&w, ctx(a), era: era, choice: choice, &fx)
    // The abstraction reads "the PMD as the user sees it" from the one actor holding a value it
    // cleared under the ptl (logicalPMD); two such actors would make it ambiguous, so that is
    // a harm of its own rather than a silent choice of the first.
    if (0..<roles.count).count(where: { w.actors[$0].flags.contains(.holdsClearedPMD) }) > 1 {
      fx.fail(.refinement, .twoClearedPMDs)
    }
    var o = fx.outcome
    o.footprint = w.footprint
    return o
  }

  public var packedWordCount: Int {
    World.packedWordCount(actors: roles.count, frames: frameLimit)
  }

  public func pack(_ w: World, into words: inout [UInt64]) {
    w.pack(frames: frameLimit, into: &words)
  }

  public func unpack(_ words: ArraySlice<UInt64>) -> World {
    World(packed: words, actors: roles.count, frames: frameLimit)
  }

  /// Task A and task B are symmetric when both are in the scenario with the same operations:
  /// then a state and the one with the two tasks swapped are one class.
  public func mirror(_ words: inout [UInt64]) -> Bool {
    guard let (a, b) = symmetricTasks else { return false }
    World.swapTasks(packed: &words, a, b, frames: frameLimit)
    return true
  }

  public var stepCodeCount: Int { 1400 }

  public func stepName(code: UInt16) -> String {
    if let k = KStep(rawValue: code) { return k.text }
    return era.stepText(code) ?? "step \(code)"
  }

  public func isQuiescent(_ w: World) -> Bool {
    for a in 0..<roles.count {
      let s = w.actors[a]
      if s.pc == Shared.done.rawValue || s.pc == Shared.gaveUp.rawValue { continue }
      if (s.pc == Shared.access.rawValue || s.pc == Shared.opStart.rawValue) && s.faults == 0
        && s.flags.isEmpty
      {
        continue
      }
      return false
    }
    return true
  }

  public func leftover(_ w: World) -> String? {
    let holder = Int(w.peekPTLHolder)
    if holder != 0 { return "the ptl is left held by \(roles[holder - 1].name)" }
    if w.peekFlushPending != 0 { return "mm->tlb_flush_pending is left raised" }
    if w.peekAnonVmaReaders != 0 { return "the anon_vma lock is left held" }
    let pmd = w.peekPMD
    let mapped = pmd.mapsFrame ? pmd.frame : -1
    // A frame leaked by bad_page() is the allocator's deliberate leak, marked by its rule.
    for f in 0..<w.peekAllocated
    where w.peekFrame(f).isLive && !w.peekFrame(f).flags.contains(.leaked) {
      let fr = w.peekFrame(f)
      if f != mapped {
        return "P\(f) is left allocated with \(fr.refcount) reference(s) but nothing maps it"
      }
      if fr.isLocked { return "P\(f) is left locked" }
      if fr.refcount != 1 {
        return "P\(f) is left with \(fr.refcount) references; only the mapping's is expected"
      }
      if !fr.flags.contains(.lru) { return "P\(f) is left off the LRU" }
    }
    return nil
  }
}
