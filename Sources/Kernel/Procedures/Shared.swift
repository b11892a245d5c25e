import THPSpec

/// Labels of the procedures every era shares: the user's access through its TLB and the
/// hardware walk, the fault on an empty PMD (`do_huge_pmd_anonymous_page`), the fault on a huge
/// PMD that is neither NUMA-marked nor a migration entry (`huge_pmd_set_accessed`), and the GUP
/// user's DMA and unpin.
enum Shared: UInt16 {
  /// A task's or the device's next access (also where a fault returns to retry).
  case access = 0
  case done, gaveUp
  /// Where a scanner, GUP or madvise operation starts.
  case opStart
  // do_huge_pmd_anonymous_page
  case anonAlloc, anonLock, anonCheckNone, anonAddLRU, anonSetPmd, anonUnlock
  case anonBackoffUnlock, anonBackoffPut
  // lru_add_drain on this CPU (v3.8–v3.13)
  case drainLRU, drainPut
  // huge_pmd_set_accessed
  case accessedLock, accessedSame, accessedSet, accessedUnlock
  // the GUP user with its pin
  case dmaWrite, unpin
}

/// What distinguishes an era's `do_huge_pmd_anonymous_page`.
struct AnonOptions: Sendable, Hashable {
  /// v3.8–v3.13: `page_add_new_anon_rmap` puts the page in this CPU's LRU pagevec with a
  /// reference of the pagevec's, PG_lru still clear; the model drains the pagevec (PG_lru set,
  /// the reference dropped) when the fault returns. From v4.8 a huge page is added to the LRU at
  /// once (`lru_cache_add_active_or_unevictable`, no reference left behind).
  var pagevec: Bool
  /// v3.13: a huge-page fallback (`VM_FAULT_FALLBACK`) falls through to
  /// `BUG_ON(pmd_numa(*pmd))` in `__handle_mm_fault`.
  var fallbackBugOn: Bool = false
}

extension World {
  /// The actor's label.
  func pc(_ a: Int) -> UInt16 { actors[a].pc }
  /// Moves the actor to a label.
  mutating func go(_ a: Int, _ label: UInt16) { actors[a].pc = label }
  mutating func go(_ a: Int, _ label: Shared) { actors[a].pc = label.rawValue }

  /// The operation in progress is complete.
  mutating func opDone(_ c: Ctx) {
    actors[c.a].op += 1
    actors[c.a].faults = 0
    actors[c.a].forgetLocals()
    let finished = Int(actors[c.a].op) >= c.opCount
    switch c.role {
    case .taskA, .taskB, .device: go(c.a, finished ? .done : .access)
    default: go(c.a, finished ? .done : .opStart)
    }
  }

  /// Enters a fault handler, or gives up when the operation used all its fault retries. A
  /// spurious fault on a PMD another CPU is rewriting under the ptl is not charged: it only
  /// waits for that CPU, whose own steps are bounded.
  mutating func enterFault(_ c: Ctx, at label: UInt16, charged: Bool = true) -> Bool {
    if charged && actors[c.a].faults >= c.maxFaults {
      go(c.a, .gaveUp)
      return false
    }
    if charged { actors[c.a].faults += 1 }
    go(c.a, label)
    return true
  }

  /// A fault handler returns: retry the access (tasks, device) or the GUP walk.
  mutating func faultReturns(_ c: Ctx, _ era: some Era) {
    // v3.8–v3.13: this CPU's LRU pagevec is drained before the fault returns (see
    // ``AnonOptions/pagevec``).
    if actors[c.a].pagevec != noFrame {
      go(c.a, .drainLRU)
      return
    }
    actors[c.a].flags.subtract([
      .holdsRef, .pageLocked, .validated, .migrated, .isolated, .sleeping,
    ])
    actors[c.a].forgetLocals()
    switch c.role {
    case .taskA, .taskB, .device: go(c.a, .access)
    case .gupSlow, .gupFast: go(c.a, era.entry(for: .gupSlow))
    // The walker drained its pagevec (memory hot-remove's putback, v3.x): its operation ends.
    case .walker: opDone(c)
    default: go(c.a, .access)
    }
  }
}

/// The shared procedures.
enum SharedProcedures {
  static func wait(_ label: Shared, _ w: World, _ c: Ctx) -> Wait {
    switch label {
    case .anonLock, .accessedLock: .ptl
    case .anonAlloc: .frame
    default: .nothing
    }
  }

  static func step(_ label: Shared, _ w: inout World, _ c: Ctx, era: some Era, _ fx: inout Fx) {
    let a = c.a
    switch label {
    case .access: access(&w, c, era: era, &fx)
    case .done, .gaveUp: fx.named(.faultDone)
    case .opStart:
      w.go(a, era.entry(for: c.role))
      dispatch(&w, c, era: era, choice: 0, &fx)

    // do_huge_pmd_anonymous_page (use_zero_page off: a read fault allocates too).
    case .anonAlloc:
      if let f = w.allocFrame(node: 0, limit: c.frameLimit) {
        fx.named(.allocHugepage, f)
        w.actors[a].newPage = UInt8(f)
        w.go(a, .anonLock)
      } else {
        // VM_FAULT_FALLBACK: the fault goes on at the PTE level, outside this model, and the
        // access retries (bounded by the retries); v3.13 reads the PMD once more first.
        fx.named(.allocHugepageFailed)
        if era.anon.fallbackBugOn {
          w.go(a, FaultEntry.bugOnNuma.rawValue)
        } else {
          w.faultReturns(c, era)
        }
      }
    case .anonLock:
      w.pmd_lock(c, &fx)
      w.go(a, .anonCheckNone)
    case .anonCheckNone:
      w.validated(a)
      if w.pmd.isNone {
        fx.named(.pmdNone)
        w.go(a, .anonAddLRU)
      } else {
        fx.named(.pmdNotNone)
        w.go(a, .anonBackoffUnlock)
      }
    // page_add_new_anon_rmap (the page is not yet mapped) and its LRU add.
    case .anonAddLRU:
      let f = w.actors[a].newFrame
      if era.anon.pagevec {
        w.lru_cache_add_pagevec(f, c, &fx)
      } else {
        // lru_cache_add_active_or_unevictable: a compound page is drained at once.
        fx.named(.lruCacheAdd, f)
        w.setLRU(f, &fx)
      }
      w.go(a, .anonSetPmd)
    case .anonSetPmd:
      let f = w.actors[a].newFrame
      w.set_pmd_at(PMD(.present, frame: f), c, &fx, .anonSetPmd)
      fx.transition = .populate(onNode: w.peekFrame(f).node)
      w.go(a, .anonUnlock)
    case .anonUnlock:
      w.spin_unlock(c, &fx)
      w.actors[a].newPage = noFrame
      w.faultReturns(c, era)
    // lru_add_drain on this CPU: __pagevec_lru_add sets PG_lru, release_pages drops the
    // pagevec's reference.
    case .drainLRU:
      let f = Int(w.actors[a].pagevec)
      fx.named(.pagevecLRUAdd, f)
      w.setLRU(f, &fx)
      w.go(a, .drainPut)
    case .drainPut:
      let f = Int(w.actors[a].pagevec)
      fx.named(w.peekFrame(f).refcount == 1 ? .pagevecReleaseFrees : .pagevecRelease, f)
      w.putPage(f, &fx)
      w.actors[a].pagevec = noFrame
      w.faultReturns(c, era)
    case .anonBackoffUnlock:
      w.spin_unlock(c, &fx)
      w.go(a, .anonBackoffPut)
    case .anonBackoffPut:
      let f = w.actors[a].newFrame
      w.put_page(f, c, &fx)
      w.actors[a].newPage = noFrame
      w.faultReturns(c, era)

    // huge_pmd_set_accessed: re-check under the ptl; pmdp_set_access_flags stores the young
    // (and, for a write, dirty) bits when they change; the access retries.
    case .accessedLock:
      w.pmd_lock(c, &fx)
      w.go(a, .accessedSame)
    case .accessedSame:
      let same = w.pmd_same(c, &fx)
      let orig = w.actors[a].orig
      let write = c.isWrite(w)
      let wanted = write ? orig.mkyoung().mkdirty() : orig.mkyoung()
      w.go(a, same && write && wanted != orig ? .accessedSet : .accessedUnlock)
    case .accessedSet:
      let orig = w.actors[a].orig
      w.set_pmd_at(orig.mkyoung().mkdirty(), c, &fx, .pmdpSetAccessFlags)
      w.go(a, .accessedUnlock)
    case .accessedUnlock:
      w.spin_unlock(c, &fx)
      w.faultReturns(c, era)

    // The GUP user's DMA into the frame it pinned, then the unpin.
    case .dmaWrite:
      let f = w.actors[a].pageFrame
      let id = c.role.writeID(op: Int(w.actors[a].op))
      fx.named(.dmaWrite, f)
      fx.value = UInt16(id)
      w.touch(f, &fx)
      w.storeData(f, id)
      fx.transition = .write(c.agent, id)
      w.go(a, .unpin)
    case .unpin:
      let f = w.actors[a].pageFrame
      fx.named(.unpin, f)
      w.putPage(f, &fx)
      w.actors[a].flags.remove(.pinned)
      w.actors[a].page = noFrame
      fx.transition = .pin(c.agent, false)
      w.opDone(c)
    }
  }

  /// Performs the step at the actor's label, whichever procedure it belongs to: the shared
  /// user-side ones, the v4.0+ ones an era shares (``ProtNone``), or the era's own.
  static func dispatch(_ w: inout World, _ c: Ctx, era: some Era, choice: Int, _ fx: inout Fx) {
    let pc = w.pc(c.a)
    if let s = Shared(rawValue: pc) {
      step(s, &w, c, era: era, &fx)
    } else if let e = FaultEntry(rawValue: pc) {
      FaultEntryProcedure.step(e, &w, c, era: era, choice: choice, &fx)
    } else if let z = Zap(rawValue: pc) {
      ZapProcedure.step(z, &w, c, era.zap, &fx)
    } else if let l = Walker(rawValue: pc) {
      WalkerProcedure.step(l, &w, c, era: era, choice: choice, &fx)
    } else if let l = WriteFault(rawValue: pc) {
      WriteFaultProcedure.step(l, &w, c, era: era, &fx)
    } else if let p = ProtNone(rawValue: pc), let o = era.protNone {
      ProtNoneProcedures.step(p, &w, c, era: era, o, &fx)
    } else if let p = PMDNuma(rawValue: pc), let o = era.pmdNuma {
      PMDNumaProcedures.step(p, &w, c, o, &fx)
    } else {
      era.step(&w, c, choice: choice, &fx)
    }
  }

  /// What the step at `pc` waits for, whichever procedure it belongs to.
  static func wait(at pc: UInt16, _ w: World, _ c: Ctx, era: some Era) -> Wait {
    if let s = Shared(rawValue: pc) { return wait(s, w, c) }
    if let e = FaultEntry(rawValue: pc) { return e.wait }
    if let z = Zap(rawValue: pc) { return z.wait }
    if let l = Walker(rawValue: pc) { return l.wait }
    if let l = WriteFault(rawValue: pc) { return l.wait }
    if let p = ProtNone(rawValue: pc) { return p.wait }
    if let p = PMDNuma(rawValue: pc) { return p.wait }
    return era.wait(pc, w, c)
  }

  /// A task's or the device's access: through its translation if it has a usable one, else the
  /// hardware (or IOMMU) walk of the PMD, which fills the translation or sends the actor into
  /// the fault handler for what it found.
  static func access(_ w: inout World, _ c: Ctx, era: some Era, _ fx: inout Fx) {
    let a = c.a
    guard let slot = c.role.tlbSlot, let agent = c.role.agent else { return }
    let write = c.isWrite(w)
    let id = c.role.writeID(op: Int(w.actors[a].op))
    if let (f, value) = w.accessThroughTLB(slot: slot, store: write ? id : nil) {
      w.touch(f, &fx)
      fx.named(write ? .write : .read, f)
      fx.value = UInt16(value)
      fx.transition = write ? .write(agent, id) : .read(agent, value)
      w.opDone(c)
      return
    }
    let pmd = w.hardwareWalk(slot: slot, store: write)
    switch pmd.kind {
    case .present where !write || pmd.write:
      // The walker set the accessed (and, for a store, dirty) bit as it loaded the entry.
      fx.named(.walkFill, pmd.frame)
      fx.transition = .fill(agent)
    case .present:
      // A store to a read-only PMD: a write-protect fault (do_huge_pmd_wp_page).
      fx.named(.walkWriteProtected, pmd.frame)
      _ = w.enterFault(c, at: FaultEntry.pmdNone.rawValue)
    case .hinting, .none, .invalid, .migration:
      // Not present: the MMU raises a page fault; handle_mm_fault reads the PMD itself. A
      // fault on a PMD another CPU is rewriting under the ptl is not charged.
      fx.named(pmd.isNone ? .walkNone : .walkNotPresent, pmd.isNone ? -1 : pmd.frame)
      _ = w.enterFault(c, at: FaultEntry.pmdNone.rawValue, charged: pmd.kind != .invalid)
    }
    if w.pc(a) == Shared.gaveUp.rawValue {
      fx.named(.gaveUp)
      fx.transition = nil
    }
  }
}

extension World {
  /// Whether an actor other than `a` is inside `do_huge_pmd_anonymous_page` with a frame.
  func populating(besides a: Int, actors n: Int) -> Bool {
    for i in 0..<n
    where i != a && actors[i].newPage != noFrame
      && actors[i].pc >= Shared.anonLock.rawValue && actors[i].pc <= Shared.anonSetPmd.rawValue
    {
      return true
    }
    return false
  }
}
