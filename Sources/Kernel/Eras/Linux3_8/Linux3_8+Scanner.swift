import THPSpec

// task_numa_work → change_prot_numa → change_protection_range → change_pmd_range →
// change_huge_pmd, v3.8 (reference §1.a). No secondary MMU exists in this era, so the notifier
// calls around the walk do nothing and are not steps (MADV_DONTNEED is the shared `Zap`).

extension Linux3_8 {
  func scan(_ label: L, _ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    let a = c.a
    switch label {
    // change_pmd_range: unlocked pmd_trans_huge(*pmd); an empty PMD is skipped.
    case .scanCheck:
      if w.pmd.isNone {
        fx.named(.changePmdRangeNone)
        w.opDone(c)
      } else {
        fx.named(era: S.scanHuge.rawValue, w.pmd.frame)
        go(&w, c, .scanLock)
      }
    // __pmd_trans_huge_lock: spin_lock, then pmd_trans_huge(*pmd) again under it.
    case .scanLock:
      fx.named(.pmdLockHuge)
      w.pmdLock(a)
      go(&w, c, .scanCheckHuge)
    case .scanCheckHuge:
      w.validated(a)
      if w.pmd.isNone {
        fx.named(.pmdLockNotHuge)
        go(&w, c, .scanUnlock)
      } else {
        fx.named(.pmdSame, w.pmd.frame)
        go(&w, c, .scanClear)
      }
    // entry = pmdp_get_and_clear(mm, addr, pmd): the PMD is none until the set_pmd_at below;
    // the value (young/dirty included) is held in `entry`.
    case .scanClear:
      fx.named(era: S.scanGetAndClear.rawValue, w.pmd.frame)
      w.actors[a].stash = w.pmd
      w.actors[a].flags.insert(.holdsClearedPMD)
      w.writePMD(.none, by: a, &fx)
      go(&w, c, .scanSetPmd)
    // entry = pmd_mknuma(entry); set_pmd_at(). Re-marking an already marked PMD writes the
    // value back unchanged (see proofs-notes on the mapcount test of the cleared PMD).
    case .scanSetPmd:
      let old = w.actors[a].stash
      let entry = old.with(.hinting)
      fx.named(.setPmdAt, entry.frame)
      fx.value = entry.raw
      w.writePMD(entry, by: a, &fx)
      w.actors[a].flags.remove(.holdsClearedPMD)
      w.actors[a].flags.insert(.changed)
      if old.kind != .hinting { fx.transition = .plain(.armHinting) }
      go(&w, c, .scanUnlock)
    case .scanUnlock:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      if w.actors[a].flags.contains(.changed) { go(&w, c, .scanFlush) } else { w.opDone(c) }
    // change_protection_range: if (pages) flush_tlb_range(vma, start, end); once, after the
    // whole walk, long after the ptl was dropped.
    case .scanFlush:
      fx.named(.flushTlbRange)
      w.flushCPUTLBs()
      fx.transition = .drop(.cpus)
      w.actors[a].flags.remove(.changed)
      w.opDone(c)
    default: break
    }
  }
}
