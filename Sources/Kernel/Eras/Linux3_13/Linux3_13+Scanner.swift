import THPSpec

// task_numa_work → change_prot_numa → change_protection → change_protection_range →
// change_pmd_range → change_huge_pmd(prot_numa), v3.13 (reference §1.b "change_huge_pmd /
// scanner"; .rc1: the Oct 2013 form that clears the PMD before writing the pmd_numa value).

extension Linux3_13 {
  func scan(_ label: L, _ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    let a = c.a
    switch label {
    // change_protection: mmu_notifier_invalidate_range_start(mm, start, end) (nobody listens).
    case .scanNotifierStart:
      fx.named(.invalidateRangeStart)
      go(&w, c, isRelease ? .scanSetPending : .scanCheck)
    // change_protection_range: flush_cache_range; v3.13 (20841405940e): set_tlb_flush_pending.
    case .scanSetPending:
      fx.named(era: S.setTlbFlushPending.rawValue)
      w.updateFlushPending { $0 = 1 }
      go(&w, c, .scanCheck)
    case .scanCheck:
      // change_pmd_range: the unlocked pmd_trans_huge test; an empty PMD is skipped.
      if w.pmd.isNone {
        fx.named(.changePmdRangeNone)
        go(&w, c, .scanClearPending)
      } else {
        fx.named(era: S.changePmdRangeHuge.rawValue, w.pmd.frame)
        go(&w, c, .scanLock)
      }
    // change_huge_pmd: __pmd_trans_huge_lock; if (!is_huge_zero_page && !pmd_numa(*pmd)) mark.
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
        fx.named(era: S.changeHugePmdSkipNuma.rawValue, w.pmd.frame)
        go(&w, c, .scanUnlock)
      } else {
        fx.named(era: S.changeHugePmdMark.rawValue, w.pmd.frame)
        go(&w, c, isRelease ? .scanSetPmd : .scanClear)
      }
    case .scanClear:
      // .rc1: entry = pmdp_get_and_clear(mm, addr, pmd): the PMD is empty until set_pmd_at
      // (removed by 5a6dac3ec5f5, "do not clear PMD during PTE update scan").
      fx.named(era: S.changeHugePmdGetAndClear.rawValue, w.pmd.frame)
      w.actors[a].stash = w.pmd
      w.actors[a].flags.insert(.holdsClearedPMD)
      w.writePMD(.none, by: a, &fx)
      go(&w, c, .scanSetPmd)
    case .scanSetPmd:
      // entry = pmd_mknuma(entry) [v3.13: entry = *pmd]; set_pmd_at(): NUMA hinting armed.
      let old = w.actors[a].flags.contains(.holdsClearedPMD) ? w.actors[a].stash : w.pmd
      let entry = mknuma(old)
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
      go(&w, c, w.actors[a].flags.contains(.changed) ? .scanFlush : .scanClearPending)
    // change_protection_range: if (pages) flush_tlb_range(vma, start, end) — long after the
    // ptl was dropped.
    case .scanFlush:
      fx.named(.flushTlbRange)
      w.flushCPUTLBs()
      fx.transition = .drop(.cpus)
      go(&w, c, .scanClearPending)
    case .scanClearPending:
      if isRelease {
        fx.named(era: S.clearTlbFlushPending.rawValue)
        w.updateFlushPending { $0 = 0 }
        go(&w, c, .scanNotifierEnd)
      } else {
        scanEnd(&w, c, &fx)
      }
    case .scanNotifierEnd:
      scanEnd(&w, c, &fx)
    default: break
    }
  }

  /// change_protection: mmu_notifier_invalidate_range_end (nobody listens before v3.19).
  func scanEnd(_ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    fx.named(era: S.notifierEnd.rawValue)
    w.actors[c.a].flags.remove(.changed)
    w.opDone(c)
  }
}
