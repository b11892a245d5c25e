import THPSpec

// madvise(MADV_DONTNEED) → zap_page_range → zap_pmd_range → zap_huge_pmd, v3.13: notifier
// start, the unlocked pmd_trans_huge test, the PMD cleared under the ptl, notifier end, then
// tlb_finish_mmu flushes the TLBs and frees the batched page.

extension Linux3_13 {
  func zap(_ label: L, _ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    let a = c.a
    switch label {
    case .zapStart:
      fx.named(.invalidateRangeStart)
      go(&w, c, .zapCheck)
    case .zapCheck:
      // zap_pmd_range: pmd_trans_huge(*pmd) unlocked; an empty PMD is skipped as already empty
      // (pmd_none_or_trans_huge_or_clear_bad). A pmd_numa PMD is still trans-huge.
      if w.pmd.isNone {
        fx.named(.zapPmdNone)
        fx.transition = .plain(.zap)
        go(&w, c, .zapNotifierEnd)
      } else {
        fx.named(era: S.zapPmdRangeHuge.rawValue, w.pmd.frame)
        go(&w, c, .zapLock)
      }
    case .zapLock:
      fx.named(.pmdLockHuge)
      w.pmdLock(a)
      go(&w, c, .zapClear)
    case .zapClear:
      w.validated(a)
      if w.pmd.isNone {
        fx.named(.pmdLockNotHuge)
        fx.transition = .plain(.zap)
      } else {
        // orig_pmd = pmdp_get_and_clear(); page_remove_rmap(); tlb_remove_page() (batched).
        let f = w.pmd.frame
        fx.named(era: S.zapHugePmd.rawValue, f)
        w.touch(f, &fx)
        w.frames[f].flags.insert(.zapped)
        w.actors[a].page = UInt8(f)
        w.writePMD(.none, by: a, &fx)
        fx.transition = .plain(.zap)
      }
      go(&w, c, .zapUnlock)
    case .zapUnlock:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      go(&w, c, .zapNotifierEnd)
    case .zapNotifierEnd:
      // No ->invalidate_range before v3.19: nothing listens.
      fx.named(era: S.notifierEnd.rawValue)
      if w.actors[a].page == noFrame { w.opDone(c) } else { go(&w, c, .zapFlush) }
    case .zapFlush:
      fx.named(.tlbFinishMmu)
      w.flushCPUTLBs()
      fx.transition = .drop(.cpus)
      go(&w, c, .zapFree)
    case .zapFree:
      let f = w.actors[a].pageFrame
      fx.named(w.frames[f].refcount == 1 ? .putPageFrees : .tlbFreePage, f)
      w.putPage(f, &fx)
      w.actors[a].page = noFrame
      w.opDone(c)
    default: break
    }
  }
}
