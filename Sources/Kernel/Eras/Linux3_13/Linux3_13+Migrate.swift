import THPSpec

// migrate_misplaced_transhuge_page and numamigrate_isolate_page, v3.13. Entered with the page
// locked, the caller's reference held and the anon_vma read-locked; always returns with the
// page unlocked and the caller's reference consumed.

extension Linux3_13 {
  func migrate(_ label: L, _ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    let a = c.a
    let page = w.actors[a].pageFrame
    let new = w.actors[a].newFrame
    let outDropref: L = isRelease ? .migOutDropLock : .migOutDropSet
    switch label {
    // if (numamigrate_update_ratelimit(pgdat, HPAGE_PMD_NR)) goto out_dropref; (a choice of the
    // environment)
    case .migRatelimit:
      fx.named(choice == 0 ? .ratelimitOK : .ratelimited)
      go(&w, c, choice == 0 ? .migAlloc : outDropref)

    // new_page = alloc_pages_node(node, (GFP_TRANSHUGE | GFP_THISNODE) & ~__GFP_WAIT, ...);
    // if (!new_page) goto out_fail;   (out_fail counts PGMIGRATE_FAIL and falls into out_dropref)
    case .migAlloc:
      if choice == 0, let f = w.allocFrame(node: w.actors[a].target, limit: c.frameLimit) {
        fx.named(.allocPagesNode, f)
        w.actors[a].newPage = UInt8(f)
        go(&w, c, .migBalanced)
      } else {
        fx.named(.allocPagesNodeFailed)
        go(&w, c, outDropref)
      }

    // numamigrate_isolate_page (340ef3902cf2 form): balanced, isolate, page_count != 3,
    // NR_ISOLATED_ANON, drop the caller's pin. On failure: put_page(new_page); goto out_fail;
    case .migBalanced:
      fx.named(choice == 0 ? .migrateBalanced : .migrateNotBalanced)
      go(&w, c, choice == 0 ? .migIsolate : .migIsoFailPutNew)
    case .migIsolate:
      go(&w, c, w.isolate_lru_page(page, c, &fx) ? .migPageCount : .migIsoFailPutNew)
    case .migPageCount:
      // Expected: the mapping, the caller's pin and the isolation reference.
      let ok = w.page_count_is(3, page, c, &fx, yes: .pageCount3, no: .pageCountNot3)
      go(&w, c, ok ? .migIsoAccount : .migIsoPutbackLRU)
    case .migIsoPutbackLRU:
      w.lru_cache_add_pagevec(page, c, &fx, ending: true)
      go(&w, c, .migIsoPutbackPut)
    case .migIsoPutbackPut:
      fx.named(.putPage, page)
      w.putPage(page, &fx)
      go(&w, c, .migIsoFailPutNew)
    case .migIsoAccount:
      w.nr_isolated(1, page: page, c, &fx)
      go(&w, c, .migIsoPutPin)
    case .migIsoPutPin:
      w.put_page(page, c, &fx)
      go(&w, c, isRelease ? .migFlushPending : .migCopy)
    case .migIsoFailPutNew:
      w.put_page(new, c, &fx)
      w.actors[a].newPage = noFrame
      go(&w, c, outDropref)

    // v3.13 (b0943d61b8fa): if (mm_tlb_flush_pending(mm)) flush_tlb_range(vma, start, end);
    // — not under the ptl, before the copy.
    case .migFlushPending:
      let pending = w.flushPending > 0
      fx.named(pending ? .mmTlbFlushPending : .mmTlbFlushNotPending)
      go(&w, c, pending ? .migFlush : .migCopy)
    case .migFlush:
      w.flush_tlb_range(c, &fx)
      go(&w, c, .migCopy)

    // __set_page_locked(new_page); ...; migrate_page_copy(new_page, page);
    case .migCopy:
      fx.named(.migratePageCopy, page, new)
      w.preparePrivate(new) { $0.flags.insert(.locked) }
      w.copyPage(from: page, to: new, &fx)
      go(&w, c, isRelease ? .migNotifierStart : .migLock)
    case .migNotifierStart:
      // f714f4f20e59; nothing listens to it in this era (no ->invalidate_range before v3.19).
      fx.named(.invalidateRangeStart)
      go(&w, c, .migLock)

    // ptl = pmd_lock(mm, pmd); if (!pmd_same(*pmd, entry) [v3.13: || page_count(page) != 2])
    case .migLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .migSame)
    case .migSame:
      go(&w, c, w.pmd_same(c, &fx) ? (isRelease ? .migCount2 : .migClear) : .migFailUnlock)
    case .migCount2:
      // Expected: the mapping and the isolation reference (2b4847e73004). orig_entry = *pmd:
      // the value just found pmd_same to `entry` (kept in `orig`).
      let ok = w.page_count_is(2, page, c, &fx, yes: .pageCount2, no: .pageCountNot2)
      go(&w, c, ok ? .migRmapNew : .migFailUnlock)

    // fail_putback: spin_unlock(ptl); [v3.13: mmu_notifier_invalidate_range_end;] undo the
    // copied flags; unlock_page(new_page); put_page(new_page); get_page(page) ("retake the
    // caller's reference"); putback_lru_page(page); NR_ISOLATED_ANON -= HPAGE_PMD_NR;
    // .rc1: goto out_fail; v3.13 (eb4489f69f22): goto out_unlock (the PMD stays NUMA-marked).
    case .migFailUnlock:
      w.spin_unlock(c, &fx)
      go(&w, c, isRelease ? .migFailNotifierEnd : .migFailUnlockNew)
    case .migFailNotifierEnd:
      fx.named(era: S.notifierEnd.rawValue)
      go(&w, c, .migFailUnlockNew)
    case .migFailUnlockNew:
      w.unlock_page(new, c, &fx)
      go(&w, c, .migFailPutNew)
    case .migFailPutNew:
      // put_page(new_page) "Free it" (after a rollback this CPU's pagevec still holds it: it
      // is drained before the old page goes into the pagevec).
      let freed = w.put_page(new, c, &fx)
      if freed { w.actors[a].newPage = noFrame }
      go(&w, c, freed ? .migFailGetPage : .migDrainLRU)
    case .migDrainLRU:
      fx.named(.pagevecLRUAdd, new)
      w.setLRU(new, &fx)
      go(&w, c, .migDrainPut)
    case .migDrainPut:
      fx.named(w.peekFrame(new).refcount == 1 ? .pagevecReleaseFrees : .pagevecRelease, new)
      w.putPage(new, &fx)
      w.actors[a].pagevec = noFrame
      w.actors[a].newPage = noFrame
      go(&w, c, .migFailGetPage)
    case .migFailGetPage:
      w.get_page(page, c, &fx)
      go(&w, c, .migFailPutbackLRU)
    case .migFailPutbackLRU:
      w.lru_cache_add_pagevec(page, c, &fx, ending: true)
      go(&w, c, .migFailPutbackPut)
    case .migFailPutbackPut:
      fx.named(.putPage, page)
      w.putPage(page, &fx)
      go(&w, c, .migFailUncount)
    case .migFailUncount:
      w.nr_isolated(-1, page: page, c, &fx)
      go(&w, c, isRelease ? .migOutUnlock : .migOutDropSet)

    // The switch. v3.13: flush_cache_range; page_add_new_anon_rmap(new_page) ("rmap before the
    // PMD"); pmdp_clear_flush; set_pmd_at(new); flush_tlb_range; page_count re-check.
    // .rc1 (3f926ab945b6): pmdp_clear_flush; set_pmd_at(new); page_add_new_anon_rmap(new_page).
    case .migRmapNew:
      // page_add_new_anon_rmap also adds the new page to the LRU in this era: lru_cache_add
      // takes a reference for this CPU's pagevec; PG_lru is set, and that reference dropped,
      // when the pagevec is drained.
      w.lru_cache_add_pagevec(new, c, &fx)
      fx.named(era: S.pageAddNewAnonRmap.rawValue, new)
      go(&w, c, isRelease ? .migClear : .migUnlockPtl)
    case .migClear:
      // pmdp_clear_flush: pmdp_get_and_clear (the PMD is empty until set_pmd_at) ...
      w.clear_pmd_locked(to: { _ in .none }, c, &fx, .pmdpClearFlush, frame: page)
      go(&w, c, .migClearFlush)
    case .migClearFlush:
      // ... then flush_tlb_range.
      w.flush_tlb_range(c, &fx)
      go(&w, c, .migSetPmd)
    case .migSetPmd:
      // entry = mk_pmd(new_page, vm_page_prot) [.rc1: pmd_mknonnuma]; pmd_mkhuge;
      // maybe_pmd_mkwrite(pmd_mkdirty(entry)); set_pmd_at(mm, haddr, pmd, entry);
      w.set_pmd_at(PMD(.present, frame: new), c, &fx)
      w.actors[a].flags.remove(.holdsClearedPMD)
      fx.transition = .commit(toNode: w.peekFrame(new).node)
      go(&w, c, isRelease ? .migPostFlush : .migRmapNew)
    case .migPostFlush:
      w.flush_tlb_range(c, &fx)
      go(&w, c, .migRecount)
    case .migRecount:
      // if (page_count(page) != 2): a GUP pin arrived meanwhile; roll back (2b4847e73004).
      let n = w.pageCount(page, &fx)
      fx.named(n != 2 ? .recountNot2 : .recount2, page)
      go(&w, c, n != 2 ? .migRollbackSet : .migUnlockPtl)
    case .migRollbackSet:
      // set_pmd_at(mm, haddr, pmd, orig_entry): the old page, NUMA-marked, mapped again. No
      // spec action undoes a commit: the checker judges what this does.
      w.set_pmd_at(w.actors[a].orig, c, &fx, .rollbackSet, frame: page)
      go(&w, c, .migRollbackFlush)
    case .migRollbackFlush:
      w.flush_tlb_range(c, &fx)
      go(&w, c, .migRollbackRmap)
    case .migRollbackRmap:
      // page_remove_rmap(new_page); goto fail_putback (which drops the ptl).
      fx.named(.pageRemoveRmapNew, new)
      w.touch(new, &fx)
      go(&w, c, .migFailUnlock)

    // page_remove_rmap(page); spin_unlock(ptl); [v3.13: mmu_notifier_invalidate_range_end;]
    // unlock_page(new_page); unlock_page(page); put_page(page) ×2; NR_ISOLATED_ANON -= 512.
    case .migUnlockPtl:
      w.spin_unlock(c, &fx)
      go(&w, c, isRelease ? .migNotifierEnd : .migUnlockNew)
    case .migNotifierEnd:
      fx.named(era: S.notifierEnd.rawValue)
      go(&w, c, .migUnlockNew)
    case .migUnlockNew:
      w.unlock_page(new, c, &fx)
      go(&w, c, .migUnlockOld)
    case .migUnlockOld:
      w.unlock_page(page, c, &fx)
      go(&w, c, .migPutOld1)
    case .migPutOld1:
      // "Drop the rmap reference".
      fx.named(.putPage, page)
      w.putPage(page, &fx)
      go(&w, c, .migPutOld2)
    case .migPutOld2:
      // "Drop the LRU isolation reference": the old page, no longer the page since the commit,
      // is normally freed here (a stutter: the migration ended at the commit).
      w.markHistory(page, .isolated, false)
      fx.named(w.peekFrame(page).refcount == 1 ? .putPageFrees : .putPage, page)
      w.putPage(page, &fx)
      go(&w, c, .migUncount)
    case .migUncount:
      w.nr_isolated(-1, page: page, c, &fx)
      w.actors[a].flags.insert(.migrated)
      w.actors[a].newPage = noFrame
      go(&w, c, .numaAVUnlock)

    // out_dropref. v3.13 (2b4847e73004): ptl = pmd_lock(); if (pmd_same(*pmd, entry))
    // { pmd_mknonnuma; set_pmd_at; } spin_unlock(ptl);
    // .rc1 (3f926ab945b6): entry = pmd_mknonnuma(entry); set_pmd_at() — no ptl, no pmd_same.
    case .migOutDropLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .migOutDropSame)
    case .migOutDropSame:
      go(&w, c, w.pmd_same(c, &fx) ? .migOutDropSet : .migOutDropUnlock)
    case .migOutDropSet:
      clearHint(&w, c, value: mknonnuma(w.actors[a].orig), page: page, &fx, .outDroprefSet)
      go(&w, c, isRelease ? .migOutDropUnlock : .migOutUnlock)
    case .migOutDropUnlock:
      w.spin_unlock(c, &fx)
      go(&w, c, .migOutUnlock)
    // out_unlock: unlock_page(page); put_page(page); return 0;
    case .migOutUnlock:
      w.unlock_page(page, c, &fx)
      go(&w, c, .migOutPut)
    case .migOutPut:
      w.put_page(page, c, &fx)
      go(&w, c, .numaAVUnlock)
    default: break
    }
  }
}
