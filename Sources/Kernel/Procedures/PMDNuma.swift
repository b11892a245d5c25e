import THPSpec

/// Labels of the procedures v3.8 to v3.13 share, written once: the `pmd_numa` scanner
/// (`change_prot_numa` → `change_protection_range` → `change_pmd_range` → `change_huge_pmd`),
/// `follow_page`'s slow GUP and x86's fast GUP, before the v4.0 protnone conversion.
enum PMDNuma: UInt16 {
  // The scanner.
  case scanStart = 80
  case scanSetPending, scanCheck, scanLock, scanCheckHuge, scanClear, scanSetPmd, scanUnlock
  case scanFallNone, scanFallBad, scanClearBad, scanFlush, scanClearPending, scanNotifierEnd
  // get_user_pages(FOLL_WRITE | FOLL_TOUCH | FOLL_GET | FOLL_NUMA) → follow_page →
  // follow_trans_huge_pmd
  case gupFollow, gupLock, gupFollowLocked, gupTouch, gupGet, gupUnlock, gupUnlockFault
  // x86 get_user_pages_fast → gup_pmd_range → gup_huge_pmd
  case gupfIrqOff, gupfRead, gupfGet, gupfBail, gupfIrqOn

  /// Where each role's operation starts.
  static func entry(for role: Role) -> UInt16? {
    switch role {
    case .scanner, .scanner2: PMDNuma.scanStart.rawValue
    case .gupSlow: PMDNuma.gupFollow.rawValue
    case .gupFast: PMDNuma.gupfIrqOff.rawValue
    default: nil
    }
  }

  /// What the step at this label waits for.
  var wait: Wait {
    switch self {
    case .scanLock, .gupLock: .ptl
    case .scanFlush: .ipi
    default: .nothing
    }
  }
}

/// What distinguishes an era's copy of the v3.8–v3.13 procedures.
struct PMDNumaOptions: Sendable, Hashable {
  /// v3.13: the model has steps for `change_protection`'s notifier calls (nothing listens before
  /// v3.19; the v3.8 model leaves them out).
  var notifierSteps: Bool
  /// v3.13 (`20841405940e`): `set_tlb_flush_pending` / `clear_tlb_flush_pending` around the
  /// walk — a flag, not yet a counter (16af97dc5a89, v4.13).
  var flushPendingFlag: Bool
  /// v3.8–v3.13-rc1: `change_huge_pmd` clears the PMD (`pmdp_get_and_clear`) before writing the
  /// `pmd_mknuma` value; v3.13 (`5a6dac3ec5f5`) writes over it.
  var clearBeforeMark: Bool
  /// v3.13-rc1+: an already `pmd_numa` PMD is skipped; v3.8/v3.9 read the cleared PMD for that
  /// test and so re-mark it (writing the value back).
  var skipMarked: Bool
  /// `2b4847e73004`: `follow_trans_huge_pmd` tests FOLL_NUMA && `pmd_numa` under the ptl, and
  /// x86 fast GUP bails on `pmd_numa` (seed 003).
  var follNumaLocked: Bool
  /// v3.13: FOLL_TOUCH goes through `pmdp_set_access_flags` (a store only if the bits change);
  /// v3.8 stores `pmd_mkyoung(pmd_mkdirty(*pmd))` unconditionally.
  var touchIfChanged: Bool
  /// A mutant for the tests: the flag counted as 16af97dc5a89 (v4.13) made it.
  var flushPendingCounter: Bool = false
}

/// The v3.8–v3.13 scanner and GUP.
enum PMDNumaProcedures {
  static func step(
    _ label: PMDNuma, _ w: inout World, _ c: Ctx, _ o: PMDNumaOptions, _ fx: inout Fx
  ) {
    switch label.rawValue {
    case PMDNuma.scanStart.rawValue..<PMDNuma.gupFollow.rawValue: scan(label, &w, c, o, &fx)
    default: gup(label, &w, c, o, &fx)
    }
  }

  /// Whether `pmd_trans_huge` holds: a present or `pmd_numa` huge PMD (_PAGE_PSE kept).
  static func transHuge(_ p: PMD) -> Bool { p.kind == .present || p.kind == .hinting }

  static func scan(
    _ label: PMDNuma, _ w: inout World, _ c: Ctx, _ o: PMDNumaOptions, _ fx: inout Fx
  ) {
    let a = c.a
    /// The walk of the one PMD is over: the deferred flush if a PMD was changed, then the end.
    func walkDone() {
      w.go(a, (w.actors[a].flags.contains(.changed) ? PMDNuma.scanFlush : .scanClearPending).rawValue)
    }
    switch label {
    // change_protection: mmu_notifier_invalidate_range_start (nobody listens before v3.19).
    case .scanStart:
      fx.named(.invalidateRangeStart)
      w.go(a, (o.flushPendingFlag ? PMDNuma.scanSetPending : .scanCheck).rawValue)
    // change_protection_range: flush_cache_range; v3.13: set_tlb_flush_pending(mm).
    case .scanSetPending:
      fx.named(.setTlbFlushPending)
      w.updateFlushPending { $0 = o.flushPendingCounter ? $0 + 1 : 1 }
      w.go(a, PMDNuma.scanCheck.rawValue)
    // change_pmd_range: `if (pmd_trans_huge(*pmd))` — unlocked; a PMD that is not huge (or that
    // change_huge_pmd found not huge) falls through to pmd_none_or_clear_bad, two more reads
    // whose second can clear a PMD that became huge since (the race 8b272b3cbbb5 fixed).
    case .scanCheck:
      let pmd = w.pmd
      if transHuge(pmd) {
        fx.named(.changePmdRangeHuge, pmd.frame)
        w.go(a, PMDNuma.scanLock.rawValue)
      } else {
        fx.named(.changePmdRangeNotHuge)
        w.go(a, PMDNuma.scanFallNone.rawValue)
      }
    // change_huge_pmd: __pmd_trans_huge_lock: spin_lock; pmd_trans_huge(*pmd) and
    // pmd_trans_splitting(*pmd) under it (with v3.13's pmd_page(*pmd), pmd_numa(*pmd) and
    // `entry = *pmd`: reads of a value only the MMU's accessed/dirty updates can change).
    case .scanLock:
      w.pmd_lock(c, &fx, .pmdLockHuge)
      w.go(a, PMDNuma.scanCheckHuge.rawValue)
    case .scanCheckHuge:
      w.validated(a)
      let pmd = w.pmd
      w.actors[a].stash = pmd
      if !transHuge(pmd) {
        fx.named(.pmdLockNotHuge)
        w.go(a, PMDNuma.scanUnlock.rawValue)
      } else if o.skipMarked && pmd.kind == .hinting {
        fx.named(.changeHugePmdSkipNuma, pmd.frame)
        w.actors[a].flags.insert(.handled)
        w.go(a, PMDNuma.scanUnlock.rawValue)
      } else {
        fx.named(.changeHugePmdMark, pmd.frame)
        w.actors[a].flags.insert(.handled)
        w.go(a, (o.clearBeforeMark ? PMDNuma.scanClear : .scanSetPmd).rawValue)
      }
    // entry = pmdp_get_and_clear(mm, addr, pmd): the PMD is none until the set_pmd_at below.
    // (v3.8/v3.9 then test pmd_page(*pmd) and pmd_numa(*pmd) of the cleared PMD: reads of a
    // value only this actor can change, so the mark is always written.)
    case .scanClear:
      w.clear_pmd_locked(
        to: { _ in .none }, c, &fx, .changeHugePmdGetAndClear, frame: w.actors[a].stash.frame)
      w.go(a, PMDNuma.scanSetPmd.rawValue)
    // entry = pmd_mknuma(entry); set_pmd_at(): NUMA hinting armed. (v3.13's `entry = *pmd` was
    // read under this ptl hold; an accessed/dirty bit the MMU set since is written back
    // clear, as in the C.)
    case .scanSetPmd:
      let old = w.actors[a].stash
      w.set_pmd_at(old.with(.hinting), c, &fx)
      w.actors[a].flags.remove(.holdsClearedPMD)
      w.actors[a].flags.insert(.changed)
      if old.kind != .hinting { fx.transition = .plain(.armHinting) }
      w.go(a, PMDNuma.scanUnlock.rawValue)
    case .scanUnlock:
      w.spin_unlock(c, &fx)
      // change_huge_pmd returned 0 (not huge under the ptl): fall through.
      if w.actors[a].flags.contains(.handled) {
        w.actors[a].flags.remove(.handled)
        walkDone()
      } else {
        w.go(a, PMDNuma.scanFallNone.rawValue)
      }
    // pmd_none_or_clear_bad(pmd): pmd_none(*pmd), then pmd_bad(*pmd) → pmd_clear_bad.
    case .scanFallNone:
      let pmd = w.pmd
      if pmd.isNone {
        fx.named(.changePmdRangeNone)
        walkDone()
      } else {
        fx.named(.pmdNoneOrClearBadNotNone, pmd.frame)
        w.go(a, PMDNuma.scanFallBad.rawValue)
      }
    case .scanFallBad:
      let pmd = w.pmd
      if pmd.mapsFrame {
        // x86 pmd_bad: any huge value, present or pmd_numa.
        fx.named(.pmdBad, pmd.frame)
        w.go(a, PMDNuma.scanClearBad.rawValue)
      } else {
        // Empty again: change_pte_range on an empty PMD, outside the model; the walk ends.
        fx.named(.pmdNotBad)
        walkDone()
      }
    // pmd_clear_bad: pmd_ERROR (a message), then pmd_clear: a plain store of 0 with no lock,
    // no rmap or reference change and no TLB flush.
    case .scanClearBad:
      fx.named(.pmdClearBad, w.peekPMD.frame)
      w.writePMD(.none, by: a, &fx)
      walkDone()
    // change_protection_range: if (pages) flush_tlb_range(vma, start, end); once, after the
    // whole walk, long after the ptl was dropped.
    case .scanFlush:
      w.flush_tlb_range(c, &fx)
      w.actors[a].flags.remove(.changed)
      w.go(a, PMDNuma.scanClearPending.rawValue)
    case .scanClearPending:
      if o.flushPendingFlag {
        fx.named(.clearTlbFlushPending)
        w.updateFlushPending { $0 = o.flushPendingCounter ? $0 - 1 : 0 }
        w.go(a, PMDNuma.scanNotifierEnd.rawValue)
      } else if o.notifierSteps {
        scanEnd(&w, c, &fx)
      } else {
        fx.named(.scanDone)
        w.opDone(c)
      }
    case .scanNotifierEnd:
      scanEnd(&w, c, &fx)
    default: break
    }
  }

  /// change_protection: mmu_notifier_invalidate_range_end (nobody listens before v3.19).
  static func scanEnd(_ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    fx.named(.invalidateRangeEndNoListener)
    w.actors[c.a].flags.remove(.changed)
    w.opDone(c)
  }

  static func gup(
    _ label: PMDNuma, _ w: inout World, _ c: Ctx, _ o: PMDNumaOptions, _ fx: inout Fx
  ) {
    let a = c.a
    func fault() {
      if !w.enterFault(c, at: FaultEntry.pmdNone.rawValue) { fx.named(.gaveUp) }
    }
    switch label {
    // follow_page: `pmd_none(*pmd)`, `(flags & FOLL_NUMA) && pmd_numa(*pmd)`,
    // `pmd_trans_huge(*pmd)`: unlocked reads whose every outcome either falls back to the fault
    // path or takes the ptl and tests again, so one step.
    case .gupFollow:
      let pmd = w.pmd
      w.actors[a].orig = pmd
      switch pmd.kind {
      case .none:
        fx.named(.followPmdNone)
        fault()
      case .hinting where !c.follForce(w):
        fx.named(.followPmdNuma, pmd.frame)
        fault()
      default:
        // FOLL_FORCE has no FOLL_NUMA: a pmd_numa PMD is followed like any huge one.
        fx.named(.followPmdHuge, pmd.frame)
        w.go(a, PMDNuma.gupLock.rawValue)
      }
    case .gupLock:
      w.pmd_lock(c, &fx)
      w.go(a, PMDNuma.gupFollowLocked.rawValue)
    // Under the ptl: pmd_trans_huge(*pmd) (else the PTE path, which finds no page: fault);
    // follow_trans_huge_pmd: FOLL_WRITE && !pmd_write(*pmd) → fault (pmd_mknuma keeps the
    // write bit); v3.13: FOLL_NUMA && pmd_numa(*pmd) → fault; page = pmd_page(*pmd).
    case .gupFollowLocked:
      w.validated(a)
      let pmd = w.pmd
      w.actors[a].orig = pmd
      if !transHuge(pmd) {
        fx.named(.followNotHugeLocked)
        w.go(a, PMDNuma.gupUnlockFault.rawValue)
      } else if !pmd.write {
        fx.named(.followTransHugePmdReadOnly, pmd.frame)
        w.go(a, PMDNuma.gupUnlockFault.rawValue)
      } else if o.follNumaLocked && pmd.kind == .hinting && !c.follForce(w) {
        fx.named(.followTransHugePmdNuma, pmd.frame)
        w.go(a, PMDNuma.gupUnlockFault.rawValue)
      } else {
        w.follow_trans_huge_pmd(pmd, c, &fx)
        w.go(a, PMDNuma.gupTouch.rawValue)
      }
    // FOLL_TOUCH: pmd_mkyoung(pmd_mkdirty(*pmd)) stored back (a pmd_numa value stays
    // pmd_numa); v3.13 through pmdp_set_access_flags, which stores only a change.
    case .gupTouch:
      let pmd = w.pmd
      let touched = pmd.mkyoung().mkdirty()
      if !o.touchIfChanged || touched != pmd {
        w.set_pmd_at(touched, c, &fx, .touchPmd, frame: pmd.frame)
      } else {
        fx.named(.touchPmd, pmd.frame)
        fx.value = pmd.raw
      }
      w.go(a, PMDNuma.gupGet.rawValue)
    // FOLL_GET: get_page_foll(page): the pin.
    case .gupGet:
      let f = w.actors[a].pageFrame
      fx.named(.followTransHugePmdGet, f)
      w.getPage(f, &fx)
      if w.peekFrame(f).flags.contains(.isolated) { fx.rules.insert(.pinWhileIsolated) }
      w.actors[a].flags.insert(.pinned)
      fx.transition = .pin(c.agent)
      w.go(a, PMDNuma.gupUnlock.rawValue)
    case .gupUnlock:
      w.spin_unlock(c, &fx)
      w.go(a, .dmaWrite)
    case .gupUnlockFault:
      w.spin_unlock(c, &fx)
      fault()

    // x86 get_user_pages_fast: interrupts off, one lockless read of the PMD, a plain reference
    // (get_head_page_multiple: atomic_add, no re-check), interrupts on; else the slow path.
    case .gupfIrqOff:
      fx.named(.localIrqDisable)
      w.actors[a].flags.insert(.irqsOff)
      w.go(a, PMDNuma.gupfRead.rawValue)
    case .gupfRead:
      let pmd = w.pmd
      w.actors[a].orig = pmd
      switch pmd.kind {
      case .present:
        // No PMD re-check follows: from this read on, the pin of this frame is decided (the
        // reference below cannot fail), so this is where the pin takes effect.
        fx.named(.gupPmdHuge, pmd.frame)
        w.actors[a].page = UInt8(pmd.frame)
        w.actors[a].flags.insert(.pinned)
        fx.transition = .pin(c.agent)
        w.go(a, PMDNuma.gupfGet.rawValue)
      case .hinting:
        // v3.13: `if (pmd_numa(pmd)) return 0;`; before, a pmd_numa value has _PAGE_PRESENT
        // clear, so gup_huge_pmd's flag test fails the same way.
        fx.named(o.follNumaLocked ? .gupPmdNumaBail : .gupHugePmdNotPresent, pmd.frame)
        w.go(a, PMDNuma.gupfBail.rawValue)
      default:
        fx.named(.gupPmdBail, pmd.isNone ? -1 : pmd.frame)
        w.go(a, PMDNuma.gupfBail.rawValue)
      }
    case .gupfGet:
      // get_head_page_multiple: VM_BUG_ON(page_count == 0); atomic_add(refs, &page->_count).
      let f = w.actors[a].pageFrame
      fx.named(.gupGetPage, f)
      w.getPage(f, &fx)
      if w.peekFrame(f).flags.contains(.isolated) { fx.rules.insert(.pinWhileIsolated) }
      w.go(a, PMDNuma.gupfIrqOn.rawValue)
    case .gupfBail:
      fx.named(.localIrqEnable)
      w.actors[a].flags.remove(.irqsOff)
      w.actors[a].page = noFrame
      w.go(a, PMDNuma.gupFollow.rawValue)
    case .gupfIrqOn:
      fx.named(.localIrqEnable)
      w.actors[a].flags.remove(.irqsOff)
      w.go(a, .dmaWrite)
    default: break
    }
  }
}
