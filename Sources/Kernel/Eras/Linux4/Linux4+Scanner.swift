import THPSpec

// task_numa_work → change_prot_numa → change_protection_range → change_pmd_range →
// change_huge_pmd, v4.14/v4.20 (reference §1.c "change_huge_pmd / scanner").

extension Linux4 {
  func scan(_ label: L, _ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    let a = c.a
    switch label {
    case .scanStart:
      fx.named(.incTlbFlushPending)
      w.flushPending += 1
      go(&w, c, .scanCheck)
    case .scanCheck:
      // change_pmd_range: an empty PMD is skipped without a notifier range.
      if w.pmd.isNone {
        fx.named(.changePmdRangeNone)
        go(&w, c, .scanDec)
      } else {
        fx.named(.followPmdHuge)
        fx.step = .invalidateRangeStart
        go(&w, c, .scanLock)
      }
    case .scanLock:
      fx.named(.pmdLockHuge)
      w.pmdLock(a)
      go(&w, c, .scanCheckHuge)
    case .scanCheckHuge:
      w.validated(a)
      if w.pmd.isNone {
        fx.named(.pmdLockNotHuge)
        go(&w, c, .scanUnlock)
      } else if w.pmd.kind == .hinting {
        fx.named(.changeHugePmdSkip, w.pmd.frame)
        go(&w, c, .scanUnlock)
      } else {
        fx.named(.pmdSame, w.pmd.frame)
        go(&w, c, .scanInvalidate)
      }
    // entry = pmdp_invalidate(): not present, the old value (young/dirty) kept in `entry`.
    case .scanInvalidate:
      fx.named(.pmdpInvalidate, w.pmd.frame)
      w.actors[a].stash = w.pmd
      w.actors[a].flags.insert(.holdsClearedPMD)
      w.writePMD(w.pmd.with(.invalid), by: a, &fx)
      go(&w, c, .scanFlushPmd)
    case .scanFlushPmd:
      fx.named(.flushPmdTlbRange)
      w.flushCPUTLBs()
      fx.transition = .drop(.cpus)
      go(&w, c, .scanSetPmd)
    // entry = pmd_modify(entry, PAGE_NONE); set_pmd_at(): NUMA hinting armed.
    case .scanSetPmd:
      let entry = w.actors[a].stash.with(.hinting)
      fx.named(.setPmdAt, entry.frame)
      fx.value = entry.raw
      w.writePMD(entry, by: a, &fx)
      w.actors[a].flags.remove(.holdsClearedPMD)
      w.actors[a].flags.insert(.changed)
      fx.transition = .plain(.armHinting)
      go(&w, c, .scanUnlock)
    case .scanUnlock:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      go(&w, c, .scanNotifierEnd)
    // mmu_notifier_invalidate_range_end → ->invalidate_range: the device learns only now,
    // after the ptl was dropped (the root of seed 004).
    case .scanNotifierEnd:
      fx.named(.invalidateRangeEnd)
      w.invalidateDevice()
      fx.transition = .drop(AgentSet(.device))
      go(&w, c, w.actors[a].flags.contains(.changed) ? .scanFlush : .scanDec)
    // The deferred flush_tlb_range of change_protection_range.
    case .scanFlush:
      fx.named(.flushTlbRange)
      w.flushCPUTLBs()
      fx.transition = .drop(.cpus)
      go(&w, c, .scanDec)
    case .scanDec:
      fx.named(.decTlbFlushPending)
      w.flushPending -= 1
      w.actors[a].flags.remove(.changed)
      w.opDone(c)
    default: break
    }
  }
}
