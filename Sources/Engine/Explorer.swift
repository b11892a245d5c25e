import Dispatch
import THPSpec

/// One state on the breadth-first frontier.
private struct FrontierNode<State: Hashable & Sendable>: Sendable {
  /// The concrete state.
  var state: State
  /// Its abstraction (the `pre` of the steps out of it).
  var abstract: AbstractState
  /// Its index in the parent table.
  var id: Int32
  /// The actor that stepped into it (preemption bounding only; `none` otherwise).
  var last: UInt8
  /// Preemptive switches used on the way (preemption bounding only).
  var used: UInt8
}

/// One transition out of a frontier node, as a worker found it.
private struct Edge: Sendable {
  /// The successor's fingerprint.
  var fingerprint: UInt64
  /// The frontier node it leaves.
  var from: Int32
  /// The step taken.
  var decision: Decision
  /// Index into the chunk's fresh states, or -1 when the successor was already visited
  /// before this level (or the step failed).
  var fresh: Int32
  /// Index into the chunk's violations, or -1.
  var violation: Int32
}

/// What one worker found expanding a contiguous slice of a level.
private struct Expansion<State: Hashable & Sendable>: Sendable {
  var edges: [Edge] = []
  var fresh: [FrontierNode<State>] = []
  var violations: [Violation] = []
  var gaveUp = 0
  /// The most accesses to shared state any step of each step code made.
  var maxAccesses: [UInt8] = []
}

/// A mutable box for per-thread results (each thread writes only its own slot).
private final class ExpansionSlots<State: Hashable & Sendable>: @unchecked Sendable {
  var items: [Expansion<State>]
  init(_ n: Int) { items = [Expansion<State>](repeating: Expansion(), count: n) }
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
    let s0 = model.initialState()
    let root = FrontierNode(
      state: s0, abstract: model.abstraction(s0), id: 0, last: noActor, used: 0)
    let symmetric = options.symmetry && bound == nil
    visited.insert(model.fingerprint(s0, last: noActor, used: 0, symmetric: symmetric))
    var frontier = [root]
    var transitions = 0
    var depth = 0
    var gaveUp = 0
    var complete = true
    var found: (from: Int32, decision: Decision, violation: Violation)? = nil
    var maxAccesses = [UInt8](repeating: 0, count: model.stepCodeCount)
    var stories: [StoryKey: Counterexample] = [:]

    search: while !frontier.isEmpty {
      let threads = frontier.count < 512 ? 1 : max(1, min(options.threads, 64))
      let slots = ExpansionSlots<Instance.State>(threads)
      let level = frontier
      let seen = visited
      let index = depth
      if threads == 1 {
        slots.items[0] = model.expand(
          level[...], index: index, bound: bound, symmetric: symmetric, visited: seen)
      } else {
        let per = (level.count + threads - 1) / threads
        DispatchQueue.concurrentPerform(iterations: threads) { t in
          let lo = min(t * per, level.count)
          let hi = min(lo + per, level.count)
          slots.items[t] = model.expand(
            level[lo..<hi], index: index, bound: bound, symmetric: symmetric, visited: seen)
        }
      }
      var next: [FrontierNode<Instance.State>] = []
      for x in slots.items {
        gaveUp += x.gaveUp
        for (k, n) in x.maxAccesses.enumerated() where n > maxAccesses[k] { maxAccesses[k] = n }
        for e in x.edges {
          transitions += 1
          if e.violation >= 0 {
            let v = x.violations[Int(e.violation)]
            switch options.goal {
            case .firstHarm:
              found = (e.from, e.decision, v)
              break search
            case .story(let target):
              guard v.kind == target.kind else { continue }
              let path = Self.path(to: e.from, then: e.decision, parents: parents, via: via)
              if storyKey(scenario, path, stepBound: path.count + 1) == target {
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
          if e.fresh < 0 || visited.contains(e.fingerprint) { continue }
          if visited.count >= maxStates {
            complete = false
            break search
          }
          visited.insert(e.fingerprint)
          var node = x.fresh[Int(e.fresh)]
          node.id = Int32(parents.count)
          parents.append(e.from)
          via.append(e.decision)
          next.append(node)
        }
      }
      depth += 1
      frontier = next
      if options.progress != nil || options.stopAfterLevel != nil {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let p = ExploreProgress(
          states: visited.count, transitions: transitions, depth: depth, seconds: seconds)
        options.progress?(p)
        if !frontier.isEmpty, options.stopAfterLevel?(p) == true {
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
  /// The key a state is visited under: the model's fingerprint of the state and, with
  /// preemption bounding, the last actor and the switches used, folded in through the SplitMix64
  /// finaliser. Counts are exact unless two keys collide (odds in
  /// ``ExploreReport/collisionOdds``).
  fileprivate func fingerprint(_ s: State, last: UInt8, used: UInt8, symmetric: Bool) -> UInt64 {
    let own = symmetric ? symmetricFingerprint(s) : fingerprint(s)
    var z = own ^ ((UInt64(last) << 8 | UInt64(used)) &* 0x9E37_79B9_7F4A_7C15)
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Expands a slice of a level: every ready actor's every outcome, each step judged.
  fileprivate func expand(
    _ nodes: ArraySlice<FrontierNode<State>>, index: Int, bound: UInt8?, symmetric: Bool,
    visited: FingerprintSet
  ) -> Expansion<State> {
    var out = Expansion<State>()
    out.maxAccesses = [UInt8](repeating: 0, count: stepCodeCount)
    out.edges.reserveCapacity(nodes.count * 3)
    out.fresh.reserveCapacity(nodes.count * 2)
    var status = [ActorStatus](repeating: .done, count: actorCount)
    for node in nodes {
      var anyReady = false
      var anyGaveUp = false
      for i in 0..<actorCount {
        status[i] = self.status(node.state, i)
        if status[i] == .ready { anyReady = true }
        if status[i] == .gaveUp { anyGaveUp = true }
      }
      // A state where nobody can step and somebody is blocked failed when it was entered.
      if !anyReady {
        if anyGaveUp { out.gaveUp += 1 }
        continue
      }
      let lastReady = node.last != noActor && status[Int(node.last)] == .ready
      for i in 0..<actorCount where status[i] == .ready {
        var used = node.used
        if let bound, lastReady, Int(node.last) != i {
          if used >= bound { continue }
          used += 1
        }
        let last = bound == nil ? noActor : UInt8(i)
        if bound == nil { used = 0 }
        for c in 0..<choiceCount(node.state, i) {
          var t = node.state
          let o = step(&t, i, choice: c)
          if Int(o.code) < out.maxAccesses.count, o.footprint.accesses > out.maxAccesses[Int(o.code)]
          {
            out.maxAccesses[Int(o.code)] = o.footprint.accesses
          }
          let post = abstraction(t)
          let decision = Decision(actor: i, choice: c)
          let fp = fingerprint(t, last: last, used: used, symmetric: symmetric)
          if let v = judge(pre: node.abstract, outcome: o, post: post, state: t, index: index)
            ?? deadlock(t, index: index)
          {
            out.violations.append(v)
            out.edges.append(
              Edge(
                fingerprint: fp, from: node.id, decision: decision, fresh: -1,
                violation: Int32(out.violations.count - 1)))
            continue
          }
          var fresh: Int32 = -1
          if !visited.contains(fp) {
            out.fresh.append(
              FrontierNode(state: t, abstract: post, id: -1, last: last, used: used))
            fresh = Int32(out.fresh.count - 1)
          }
          out.edges.append(
            Edge(fingerprint: fp, from: node.id, decision: decision, fresh: fresh, violation: -1))
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
