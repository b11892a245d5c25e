import Dispatch
import THPSpec

/// One breadth-first level, compact: each state as the model's packed words, end to end, with
/// its index in the parent table and, under preemption bounding, the actor that stepped into it
/// and the preemptive switches used on the way (kept empty otherwise).
private struct Level: Sendable {
  var words: [UInt64] = []
  var ids: [Int32] = []
  var last: [UInt8] = []
  var used: [UInt8] = []
  var count: Int { ids.count }
}

/// One transition out of a level that the merge must look at: one to a state not visited
/// before the level (a candidate), or a failing one. Transitions to states already visited are
/// only counted.
private struct Edge: Sendable {
  /// The successor's fingerprint.
  var fingerprint: UInt64
  /// The parent-table index of the state it leaves.
  var from: Int32
  /// The step taken.
  var decision: Decision
  /// Its place among the worker's transitions (the merge counts transitions up to a stop).
  var seq: Int32
  /// Index into the worker's violations, or -1 for the next candidate.
  var violation: Int32
}

/// What one worker found expanding a contiguous slice of a level.
private struct Expansion: Sendable {
  var edges: [Edge] = []
  /// The candidates, in edge order (their `ids` are filled in by the merge).
  var fresh = Level()
  var violations: [Violation] = []
  /// Every transition the worker checked.
  var transitions = 0
  var gaveUp = 0
  /// The most accesses to shared state any step of each step code made.
  var maxAccesses: [UInt8] = []
}

/// A mutable box for per-thread results (each thread writes only its own slot).
private final class ExpansionSlots: @unchecked Sendable {
  var items: [Expansion]
  init(_ n: Int) { items = [Expansion](repeating: Expansion(), count: n) }
}

/// No actor (the initial state, or no preemption bounding).
private let noActor: UInt8 = 0xFF

extension ModelFamily {
  /// Visits every interleaving, and every choice-point outcome, of `scenario`, breadth-first
  /// with state hashing, judging every step exactly as a run does (the spec's refinement check
  /// and every invariant, in every state). With the default goal it stops at the first level that
  /// has a failing step and reports the first such step in expansion order: the counterexample is
  /// a shortest one. Aimed at a story, failing steps that tell another story end their path and
  /// the search goes on; asked for every story, it goes on past every failure and keeps the first
  /// (shortest) counterexample of each.
  /// Deterministic: levels are expanded in parallel slices and merged in order, so the counts
  /// and the counterexample do not depend on `options.threads`. Runs are not cut at a step
  /// bound here; repeated states end every path.
  public func explore(_ scenario: Scenario, options: ExploreOptions = ExploreOptions())
    -> ExploreReport
  {
    let start = DispatchTime.now()
    let model = instantiate(scenario)
    let bound = options.preemptions.map { UInt8(clamping: $0) }
    let maxStates = max(options.maxStates, 1)

    var visited = FingerprintSet()
    var parents: [Int32] = [-1]
    var via: [Decision] = [Decision(actor: 0, choice: 0)]
    let symmetric = options.symmetry && bound == nil
    let width = model.packedWordCount
    var frontier = Level()
    var scratch: [UInt64] = []
    model.pack(model.initialState(), into: &frontier.words)
    frontier.ids.append(0)
    if bound != nil {
      frontier.last.append(noActor)
      frontier.used.append(0)
    }
    visited.insert(
      model.fingerprint(frontier.words[...], last: noActor, used: 0, symmetric: symmetric, &scratch)
    )
    var transitions = 0
    var depth = 0
    var gaveUp = 0
    var complete = true
    var found: (from: Int32, decision: Decision, violation: Violation)? = nil
    var maxAccesses = [UInt8](repeating: 0, count: model.stepCodeCount)
    var stories: [StoryKey: Counterexample] = [:]

    search: while frontier.count > 0 {
      let threads = frontier.count < 512 ? 1 : max(1, min(options.threads, 64))
      let slots = ExpansionSlots(threads)
      let index = depth
      // The level and the workers' view of the visited set live only in this block: once the
      // level is expanded only its successors are needed, and the merge below then inserts into
      // a table no one else holds (no copy of it).
      do {
        let seen = visited
        let level = frontier
        frontier = Level()
        if threads == 1 {
          slots.items[0] = model.expand(
            level, 0..<level.count, index: index, bound: bound, symmetric: symmetric, visited: seen)
        } else {
          let per = (level.count + threads - 1) / threads
          DispatchQueue.concurrentPerform(iterations: threads) { t in
            let lo = min(t * per, level.count)
            let hi = min(lo + per, level.count)
            slots.items[t] = model.expand(
              level, lo..<hi, index: index, bound: bound, symmetric: symmetric, visited: seen)
          }
        }
      }
      var next = Level()
      for t in 0..<threads {
        let x = slots.items[t]
        slots.items[t] = Expansion()
        gaveUp += x.gaveUp
        for (k, n) in x.maxAccesses.enumerated() where n > maxAccesses[k] { maxAccesses[k] = n }
        var candidate = 0
        for e in x.edges {
          if e.violation >= 0 {
            let v = x.violations[Int(e.violation)]
            switch options.goal {
            case .firstHarm:
              transitions += Int(e.seq) + 1
              found = (e.from, e.decision, v)
              break search
            case .story(let target):
              guard v.kind == target.kind else { continue }
              let path = Self.path(to: e.from, then: e.decision, parents: parents, via: via)
              if storyKey(scenario, path, stepBound: path.count + 1) == target {
                transitions += Int(e.seq) + 1
                found = (e.from, e.decision, v)
                break search
              }
            case .everyStory:
              let path = Self.path(to: e.from, then: e.decision, parents: parents, via: via)
              if let key = storyKey(scenario, path, stepBound: path.count + 1), stories[key] == nil,
                let ce = counterexample(scenario, path, stepBound: max(500, path.count + 1))
              {
                stories[key] = ce
              }
            }
            continue
          }
          let c = candidate
          candidate += 1
          if visited.contains(e.fingerprint) { continue }
          if visited.count >= maxStates {
            transitions += Int(e.seq) + 1
            complete = false
            break search
          }
          visited.insert(e.fingerprint)
          next.ids.append(Int32(parents.count))
          parents.append(e.from)
          via.append(e.decision)
          next.words.append(contentsOf: x.fresh.words[c * width..<(c + 1) * width])
          if bound != nil {
            next.last.append(x.fresh.last[c])
            next.used.append(x.fresh.used[c])
          }
        }
        transitions += x.transitions
      }
      depth += 1
      frontier = next
      if options.progress != nil || options.stopAfterLevel != nil {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let p = ExploreProgress(
          states: visited.count, transitions: transitions, depth: depth, seconds: seconds)
        options.progress?(p)
        if frontier.count > 0, options.stopAfterLevel?(p) == true {
          complete = false
          break search
        }
      }
    }

    var violation: Violation? = nil
    var counterexample: Counterexample? = nil
    if let f = found {
      let path = Self.path(to: f.from, then: f.decision, parents: parents, via: via)
      counterexample = self.counterexample(scenario, path, stepBound: max(500, path.count + 1))
      violation = counterexample?.violation ?? f.violation
    } else if let first = stories.keys.sorted().first, let ce = stories[first] {
      counterexample = ce
      violation = ce.violation
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    var fused: [String: Int] = [:]
    for (code, n) in maxAccesses.enumerated() where n > 1 {
      let name = model.stepName(code: UInt16(code))
      fused[name] = max(fused[name] ?? 0, Int(n))
    }
    return ExploreReport(
      model: name, reverted: reverted, scenario: scenario, states: visited.count,
      transitions: transitions, depth: depth, gaveUpStates: gaveUp, complete: complete,
      seconds: seconds, violation: violation, counterexample: counterexample, fusedSteps: fused,
      stories: stories.keys.sorted().compactMap { k in stories[k].map { (k, $0) } })
  }

}

extension ModelFamily {
  /// The schedule from the initial state to node `id`, then `last`.
  fileprivate static func path(
    to id: Int32, then last: Decision, parents: [Int32], via: [Decision]
  ) -> [Decision] {
    var path = [last]
    var id = id
    while id > 0 {
      path.append(via[Int(id)])
      id = parents[Int(id)]
    }
    return path.reversed()
  }
}

extension CheckedModel {
  /// The key a state is visited under: its packed words (with symmetry, the lesser of its own
  /// and its mirror's) folded through the SplitMix64 finaliser and, with preemption bounding,
  /// the last actor and the switches used folded in. Counts are exact unless two keys collide
  /// (odds in ``ExploreReport/collisionOdds``). `scratch` is a buffer to reuse.
  fileprivate func fingerprint(
    _ words: ArraySlice<UInt64>, last: UInt8, used: UInt8, symmetric: Bool,
    _ scratch: inout [UInt64]
  ) -> UInt64 {
    var own = Self.fold(words)
    if symmetric {
      scratch.removeAll(keepingCapacity: true)
      scratch.append(contentsOf: words)
      if mirror(&scratch) { own = min(own, Self.fold(scratch[...])) }
    }
    return SplitMix64.finalize(own ^ ((UInt64(last) << 8 | UInt64(used)) &* 0x9E37_79B9_7F4A_7C15))
  }

  /// Packed words folded into 64 bits, each through the SplitMix64 finaliser (a bijection).
  @inline(__always)
  private static func fold(_ words: ArraySlice<UInt64>) -> UInt64 {
    var h: UInt64 = 0x243F_6A88_85A3_08D3
    for w in words { h = SplitMix64.finalize(h ^ w) }
    return h
  }

  /// Expands states `range` of a level: every ready actor's every outcome, each step judged.
  fileprivate func expand(
    _ level: Level, _ range: Range<Int>, index: Int, bound: UInt8?, symmetric: Bool,
    visited: FingerprintSet
  ) -> Expansion {
    var out = Expansion()
    out.maxAccesses = [UInt8](repeating: 0, count: stepCodeCount)
    let width = packedWordCount
    var status = [ActorStatus](repeating: .done, count: actorCount)
    var packed: [UInt64] = []
    var scratch: [UInt64] = []
    var held = FingerprintSet()
    packed.reserveCapacity(width)
    for n in range {
      let state = unpack(level.words[n * width..<(n + 1) * width])
      let id = level.ids[n]
      let nodeLast = bound == nil ? noActor : level.last[n]
      let nodeUsed = bound == nil ? 0 : level.used[n]
      var anyReady = false
      var anyGaveUp = false
      for i in 0..<actorCount {
        status[i] = self.status(state, i)
        if status[i] == .ready { anyReady = true }
        if status[i] == .gaveUp { anyGaveUp = true }
      }
      // A state where nobody can step and somebody is blocked failed when it was entered.
      if !anyReady {
        if anyGaveUp { out.gaveUp += 1 }
        continue
      }
      let pre = abstraction(state)
      let lastReady = nodeLast != noActor && status[Int(nodeLast)] == .ready
      for i in 0..<actorCount where status[i] == .ready {
        var used = nodeUsed
        if let bound, lastReady, Int(nodeLast) != i {
          if used >= bound { continue }
          used += 1
        }
        let last = bound == nil ? noActor : UInt8(i)
        if bound == nil { used = 0 }
        for c in 0..<choiceCount(state, i) {
          var t = state
          let o = step(&t, i, choice: c)
          if Int(o.code) < out.maxAccesses.count,
            o.footprint.accesses > out.maxAccesses[Int(o.code)]
          {
            out.maxAccesses[Int(o.code)] = o.footprint.accesses
          }
          let seq = Int32(out.transitions)
          out.transitions += 1
          let post = abstraction(t)
          let decision = Decision(actor: i, choice: c)
          packed.removeAll(keepingCapacity: true)
          pack(t, into: &packed)
          let fp = fingerprint(packed[...], last: last, used: used, symmetric: symmetric, &scratch)
          // A state visited before was entered once without failing, and a deadlock is the
          // state's alone: only the step itself can fail on the way back into it.
          let seen = visited.contains(fp)
          if let v = judge(pre: pre, outcome: o, post: post, state: t, index: index)
            ?? (seen ? nil : deadlock(t, index: index))
          {
            out.violations.append(v)
            out.edges.append(
              Edge(
                fingerprint: fp, from: id, decision: decision, seq: seq,
                violation: Int32(out.violations.count - 1)))
            continue
          }
          // A successor this worker already holds is dropped here: the merge would skip it.
          if seen || !held.insert(fp) { continue }
          out.fresh.words.append(contentsOf: packed)
          if bound != nil {
            out.fresh.last.append(last)
            out.fresh.used.append(used)
          }
          out.edges.append(
            Edge(fingerprint: fp, from: id, decision: decision, seq: seq, violation: -1))
        }
      }
    }
    return out
  }

  /// A deadlock on entering `s`: nobody can step and somebody is blocked (as a run reports it).
  private func deadlock(_ s: State, index: Int) -> Violation? {
    var blocked: [Int] = []
    for i in 0..<actorCount {
      switch status(s, i) {
      case .ready: return nil
      case .blocked: blocked.append(i)
      case .done, .gaveUp: break
      }
    }
    guard !blocked.isEmpty else { return nil }
    return .deadlock(blocked: blocked.map(actorName), step: index)
  }
}
