import THPSpec

// madvise(MADV_DONTNEED) → zap_page_range → zap_pmd_range → zap_huge_pmd, v5.14: notifier
// start, the PMD cleared under the ptl, notifier end (->invalidate_range), then
// tlb_finish_mmu flushes the TLBs and frees the batched page. A PMD migration entry is cleared
// too, but it has no page to free: its reference was dropped by set_pmd_migration_entry, and
// the isolation reference belongs to the migration.

extension Linux5_14 {
  func zap(_ label: L, _ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    let a = c.a
    switch label {
    case .zapStart:
      fx.named(.invalidateRangeStart)
      w.actors[a].orig = .none
      go(&w, c, .zapCheck)
    case .zapCheck:
      // zap_pmd_range's unlocked test: an empty PMD is skipped (the range is already empty).
      if w.pmd.isNone {
        fx.named(.zapPmdNone)
        fx.transition = .plain(.zap)
        go(&w, c, .zapNotifierEnd)
      } else {
        fx.named(.followPmdHuge)
        go(&w, c, .zapLock)
      }
    case .zapLock:
      fx.named(.pmdLockHuge)
      w.pmdLock(a)
      go(&w, c, .zapClear)
    // pmdp_huge_get_and_clear_full; tlb_remove_pmd_tlb_entry; a present (or protnone) PMD:
    // page_remove_rmap and the page batched for freeing; a migration entry: nothing to free.
    case .zapClear:
      w.validated(a)
      let pmd = w.pmd
      w.actors[a].orig = pmd
      if pmd.isNone {
        fx.named(.pmdLockNotHuge)
      } else if pmd.kind == .migration {
        fx.named(.zapMigrationEntry, pmd.frame)
        w.frames[pmd.frame].flags.insert(.zapped)
        w.writePMD(.none, by: a, &fx)
      } else {
        fx.named(.zapHugePmd, pmd.frame)
        w.frames[pmd.frame].flags.insert(.zapped)
        w.actors[a].page = UInt8(pmd.frame)
        w.writePMD(.none, by: a, &fx)
      }
      fx.transition = .plain(.zap)
      go(&w, c, .zapUnlock)
    case .zapUnlock:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      go(&w, c, .zapNotifierEnd)
    case .zapNotifierEnd:
      fx.named(.invalidateRangeEnd)
      w.invalidateDevice()
      fx.transition = .drop(AgentSet(.device))
      if w.actors[a].orig.isNone {
        w.opDone(c)
      } else {
        go(&w, c, .zapFlush)
      }
    case .zapFlush:
      fx.named(.tlbFinishMmu)
      w.flushCPUTLBs()
      fx.transition = .drop(.cpus)
      if w.actors[a].page == noFrame {
        w.actors[a].orig = .none
        w.opDone(c)
      } else {
        go(&w, c, .zapFree)
      }
    case .zapFree:
      let f = w.actors[a].pageFrame
      fx.named(w.frames[f].refcount == 1 ? .putPageFrees : .putPage, f)
      w.putPage(f, &fx)
      w.actors[a].page = noFrame
      w.actors[a].orig = .none
      w.opDone(c)
    default: break
    }
  }
}
