import THPSpec

// madvise(MADV_DONTNEED) → zap_page_range → zap_pmd_range → zap_huge_pmd, v4.x: notifier
// start, the PMD cleared under the ptl, notifier end (->invalidate_range), then
// tlb_finish_mmu flushes the TLBs and frees the batched page.

extension Linux4 {
  func zap(_ label: L, _ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    let a = c.a
    switch label {
    case .zapStart:
      fx.named(.invalidateRangeStart)
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
    case .zapClear:
      w.validated(a)
      if w.pmd.isNone {
        fx.named(.pmdLockNotHuge)
        fx.transition = .plain(.zap)
      } else {
        let f = w.pmd.frame
        fx.named(.zapHugePmd, f)
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
      fx.named(.invalidateRangeEnd)
      w.invalidateDevice()
      fx.transition = .drop(AgentSet(.device))
      if w.actors[a].page == noFrame { w.opDone(c) } else { go(&w, c, .zapFlush) }
    case .zapFlush:
      fx.named(.tlbFinishMmu)
      w.flushCPUTLBs()
      fx.transition = .drop(.cpus)
      go(&w, c, .zapFree)
    case .zapFree:
      let f = w.actors[a].pageFrame
      fx.named(w.frames[f].refcount == 1 ? .putPageFrees : .putPage, f)
      w.putPage(f, &fx)
      w.actors[a].page = noFrame
      w.opDone(c)
    default: break
    }
  }
}
