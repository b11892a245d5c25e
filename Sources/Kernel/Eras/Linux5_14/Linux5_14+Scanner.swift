import THPSpec

// task_numa_work → change_prot_numa → change_protection_range → change_pmd_range →
// change_huge_pmd, v5.14 (reference §1.c "change_huge_pmd / scanner", §3.1 step 1): as in
// v4.x, plus the PMD migration entry of a generic migration (§1.c step 3).

extension Linux5_14 {
  func scan(_ label: L, _ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    let a = c.a
    switch label {
    // change_protection_range: inc_tlb_flush_pending(mm).
    case .scanStart:
      fx.named(.incTlbFlushPending)
      w.flushPending += 1
      go(&w, c, .scanCheck)
    case .scanCheck:
      // change_pmd_range: an empty PMD is skipped; a populated one (a migration entry
      // included) starts the notifier range first.
      if w.pmd.isNone {
        fx.named(.changePmdRangeNone)
        go(&w, c, .scanDec)
      } else {
        fx.named(.invalidateRangeStart)
        go(&w, c, .scanLock)
      }
    // change_huge_pmd: __pmd_trans_huge_lock (a swap PMD, i.e. a migration entry, counts).
    case .scanLock:
      fx.named(.pmdLockHuge)
      w.pmdLock(a)
      go(&w, c, .scanCheckHuge)
    case .scanCheckHuge:
      w.validated(a)
      let pmd = w.pmd
      switch pmd.kind {
      case .none:
        fx.named(.pmdLockNotHuge)
        go(&w, c, .scanUnlock)
      case .migration:
        // is_swap_pmd: a write migration entry is made read-only; otherwise nothing.
        if pmd.dirty {
          fx.named(.pmdSame, pmd.frame)
          go(&w, c, .scanDowngrade)
        } else {
          fx.named(.migrationEntrySkip, pmd.frame)
          go(&w, c, .scanUnlock)
        }
      case .hinting:
        fx.named(.changeHugePmdSkip, pmd.frame)
        go(&w, c, .scanUnlock)
      default:
        fx.named(.pmdSame, pmd.frame)
        go(&w, c, .scanInvalidate)
      }
    // make_readable_migration_entry; set_pmd_at(): still a migration entry (ret 1: no flush).
    case .scanDowngrade:
      let entry = PMD(.migration, frame: w.pmd.frame, young: false, dirty: false)
      fx.named(.downgradeMigrationEntry, entry.frame)
      fx.value = entry.raw
      w.writePMD(entry, by: a, &fx)
      go(&w, c, .scanUnlock)
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
    // entry = pmd_modify(entry, PAGE_NONE) (savedwrite kept); set_pmd_at(): hinting armed.
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
    // mmu_notifier_invalidate_range_end → ->invalidate_range, after the ptl was dropped.
    case .scanNotifierEnd:
      fx.named(.invalidateRangeEnd)
      w.invalidateDevice()
      fx.transition = .drop(AgentSet(.device))
      go(&w, c, w.actors[a].flags.contains(.changed) ? .scanFlush : .scanDec)
    // The deferred flush_tlb_range of change_protection_range (only when pages changed).
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
