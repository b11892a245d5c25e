import THPSpec

// get_user_pages(FOLL_WRITE) and get_user_pages_fast(FOLL_WRITE) (gup.c; the PMD paths of the
// stored 6.13 copy are 6.12's). The GUP users of the model take FOLL_GET references (as
// get_user_pages does) for a DMA write: FOLL_WRITE | FOLL_TOUCH | FOLL_GET, without
// FOLL_HONOR_NUMA_FAULT (opt-in since 6.6, and off here: gup_can_follow_protnone() is true).
//
// FOLL_NUMA is gone: slow GUP has no unlocked protnone test. A protnone PMD is not writable
// (pmd_modify(PAGE_NONE) clears RW), so follow_huge_pmd's can_follow_write_pmd() fails under the
// ptl and the caller faults: FOLL_WRITE honours NUMA hinting implicitly ("exceptions with
// FOLL_FORCE apply"): a FOLL_FORCE pin (`Gf`) faults the same way, since can_follow_write_pmd
// refuses FOLL_FORCE on a VM_WRITE mapping.

extension Linux6_12 {
  func gup(_ label: L, _ w: inout World, _ c: Ctx, _ fx: inout Fx) {
    let a = c.a
    func fault() {
      if !w.enterFault(c, at: FaultEntry.pmdNone.rawValue) { fx.named(.gaveUp) }
    }
    switch label {
    // follow_pmd_mask: pmdval = pmdp_get_lockless(pmd); pmd_none → no_page_table;
    // !pmd_present (a migration entry) → no_page_table; (pmd_devmap no; !pmd_leaf no: every
    // value here is none, a leaf or a migration entry); pmd_protnone && !gup_can_follow_protnone
    // (never, without FOLL_HONOR_NUMA_FAULT); pmd_lock. No page returned: faultin_page.
    case .gsRead:
      let pmd = w.pmd
      w.actors[a].orig = pmd
      switch pmd.kind {
      case .none:
        fx.named(.gsNone)
        fault()
      case .migration:
        fx.named(.gsNotPresent, pmd.frame)
        fault()
      case .present, .hinting, .invalid:
        // An invalidated PMD keeps _PAGE_PSE: pmd_present and pmd_leaf are true.
        fx.named(.gsHuge, pmd.frame)
        go(&w, c, .gsLock)
      }
    case .gsLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .gsLockedCheck)
    // pmdval = *pmd: !pmd_present → unlock, no_page_table. follow_huge_pmd: pmdval = *pmd (the
    // same hold); FOLL_WRITE && !can_follow_write_pmd(pmdval): !pmd_write and no FOLL_FORCE →
    // NULL (unlock, faultin_page with FAULT_FLAG_WRITE: the NUMA fault); pmd_protnone(*pmd) &&
    // !gup_can_follow_protnone: never; gup_must_unshare: FOLL_PIN only.
    case .gsLockedCheck:
      w.validated(a)
      let pmd = w.pmd
      w.actors[a].orig = pmd
      switch pmd.kind {
      case .none, .migration:
        fx.named(.followLockedMigration, pmd.isNone ? -1 : pmd.frame)
        go(&w, c, .gsUnlockFault)
      case .hinting:
        fx.named(.gsNotWritable, pmd.frame)
        go(&w, c, .gsUnlockFault)
      case .present where !pmd.write:
        // Read-only (a migration's new PMD from a readable-exclusive entry): the write fault
        // reuses the exclusive page and makes it writable; FOLL_FORCE does not help a VM_WRITE
        // mapping (can_follow_write_pmd: "a writable VMA must take a real write fault").
        fx.named(.followTransHugePmdReadOnly, pmd.frame)
        go(&w, c, .gsUnlockFault)
      case .present, .invalid:
        fx.named(.gsFollow, pmd.frame)
        w.actors[a].page = UInt8(pmd.frame)
        go(&w, c, .gsGrab)
      }
    // try_grab_folio(folio, 1, FOLL_GET): folio_ref_add(folio, 1) under the ptl: the pin.
    case .gsGrab:
      let f = w.actors[a].pageFrame
      fx.named(.gsGrab, f)
      w.getPage(f, &fx)
      w.actors[a].flags.insert(.pinned)
      fx.transition = .pin(c.agent)
      go(&w, c, .gsTouch)
    // FOLL_TOUCH && pmd_trans_huge(pmdval): touch_pmd(): _pmd = pmd_mkyoung(pmd_mkdirty(*pmd));
    // pmdp_set_access_flags() stores it only if it changed (x86): a re-read and a store under
    // the ptl (the fusion v5.14 keeps too).
    case .gsTouch:
      let pmd = w.pmd
      let touched = pmd.mkyoung().mkdirty()
      if touched != pmd {
        w.set_pmd_at(touched, c, &fx, .touchPmd, frame: pmd.frame)
      } else {
        fx.named(.touchPmd, pmd.frame)
        fx.value = pmd.raw
      }
      go(&w, c, .gsUnlock)
    case .gsUnlock:
      w.spin_unlock(c, &fx)
      w.go(a, .dmaWrite)
    case .gsUnlockFault:
      w.spin_unlock(c, &fx)
      fault()

    // gup_fast: local_irq_save (TLB-flush IPIs to this CPU wait until local_irq_restore).
    case .gfIrqOff:
      fx.named(.gfIrqSave)
      w.actors[a].flags.insert(.irqsOff)
      go(&w, c, .gfRead)
    // gup_fast_pmd_range: pmd = pmdp_get_lockless(pmdp); !pmd_present → 0; pmd_leaf:
    // pmd_protnone → 0 (always, whatever FOLL_HONOR_NUMA_FAULT says); gup_fast_pmd_leaf:
    // !pmd_access_permitted(orig, write) → 0 (an invalidated PMD has no _PAGE_PRESENT).
    case .gfRead:
      let pmd = w.pmd
      w.actors[a].orig = pmd
      if pmd.kind != .present || !pmd.write {
        fx.named(.gfBail, pmd.isNone ? -1 : pmd.frame)
        go(&w, c, .gfBail)
      } else {
        fx.named(.gfHuge, pmd.frame)
        w.actors[a].page = UInt8(pmd.frame)
        go(&w, c, .gfGrab)
      }
    // folio = try_grab_folio_fast(page, refs, FOLL_GET): try_get_folio → folio_ref_try_add
    // (fails on a frozen or freed count; page_folio re-check against a split: none here).
    case .gfGrab:
      let f = w.actors[a].pageFrame
      if w.getPageUnlessZero(f) {
        fx.named(.gfTryGrab, f)
        go(&w, c, .gfRecheck)
      } else {
        fx.named(.gfTryGrabFailed, f)
        w.actors[a].page = noFrame
        go(&w, c, .gfBail)
      }
    // if (unlikely(pmd_val(orig) != pmd_val(*pmdp))) { gup_put_folio(); return 0; }
    // (gup_fast_folio_allowed and gup_must_unshare pass for FOLL_GET on an anon folio;
    // folio_set_referenced is a flag the model does not hold.)
    case .gfRecheck:
      let f = w.actors[a].pageFrame
      if w.pmd == w.actors[a].orig {
        fx.named(.gfRecheck, f)
        w.actors[a].flags.insert(.pinned)
        fx.transition = .pin(c.agent)
        go(&w, c, .gfIrqOn)
      } else {
        fx.named(.gfRecheckFailed, f)
        go(&w, c, .gfPut)
      }
    case .gfPut:
      let f = w.actors[a].pageFrame
      fx.named(.gfPut, f)
      w.putPage(f, &fx)
      w.actors[a].page = noFrame
      go(&w, c, .gfBail)
    // local_irq_restore; the range not pinned goes to the slow path (FOLL_TOUCH).
    case .gfBail:
      fx.named(.gfIrqRestore)
      w.actors[a].flags.remove(.irqsOff)
      go(&w, c, .gsRead)
    case .gfIrqOn:
      fx.named(.gfIrqRestore)
      w.actors[a].flags.remove(.irqsOff)
      w.go(a, .dmaWrite)
    default: break
    }
  }
}
