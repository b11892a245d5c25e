import THPSpec

// migrate_misplaced_transhuge_page and numamigrate_isolate_page, v3.13 (reference §1.b; for
// .rc1 migrate.c as 3f926ab945b6 left it, §2 seed 000 "Fix" 2–3). Entered with the page
// locked, the caller's reference held and the anon_vma read-locked; always returns with the
// page unlocked and the caller's reference consumed.

extension Linux3_13 {
  func migrate(_ label: L, _ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    let a = c.a
    let page = w.actors[a].pageFrame
    let new = w.actors[a].newFrame
    let outDropref: L = isRelease ? .migOutDropLock : .migOutDropSet
    switch label {
    // if (numamigrate_update_ratelimit(pgdat, HPAGE_PMD_NR)) goto out_dropref;
    case .migRatelimit:
      if choice == 0 {
        fx.named(.ratelimitOK)
        go(&w, c, .migAlloc)
      } else {
        fx.named(.ratelimited)
        go(&w, c, outDropref)
      }

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
      if choice == 0 {
        fx.named(.migrateBalanced)
        go(&w, c, .migIsolate)
      } else {
        fx.named(.migrateNotBalanced)
        go(&w, c, .migIsoFailPutNew)
      }
    case .migIsolate:
      if w.isolateLRU(page, &fx) {
        fx.named(.isolateLruPage, page)
        fx.transition = w.migration(.beginMigration, of: page, actors: c.actorCount)
        go(&w, c, .migPageCount)
      } else {
        fx.named(.isolateLruPageFailed, page)
        go(&w, c, .migIsoFailPutNew)
      }
    case .migPageCount:
      // Expected: the mapping, the caller's pin and the isolation reference.
      w.touch(page, &fx)
      if w.pageCount(page, &fx) != 3 {
        fx.named(.pageCountNot3, page)
        go(&w, c, .migIsoPutback)
      } else {
        fx.named(.pageCount3, page)
        go(&w, c, .migIsoAccount)
      }
    case .migIsoPutback:
      fx.named(.putbackLruPage, page)
      w.putbackLRU(page, &fx)
      fx.transition = w.migration(.endMigration, of: page, actors: c.actorCount)
      go(&w, c, .migIsoFailPutNew)
    case .migIsoAccount:
      fx.named(.isolatedInc, page)
      w.addIsolated(1)
      fx.transition = .plain(.countIsolated)
      go(&w, c, .migIsoPutPin)
    case .migIsoPutPin:
      fx.named(.putPage, page)
      w.putPage(page, &fx)
      w.actors[a].flags.remove(.holdsRef)
      go(&w, c, isRelease ? .migFlushPending : .migCopy)
    case .migIsoFailPutNew:
      fx.named(.putPageFrees, new)
      w.putPage(new, &fx)
      w.actors[a].newPage = noFrame
      go(&w, c, outDropref)

    // v3.13 (b0943d61b8fa): if (mm_tlb_flush_pending(mm)) flush_tlb_range(vma, start, end);
    // — not under the ptl, before the copy.
    case .migFlushPending:
      if w.flushPending > 0 {
        fx.named(.mmTlbFlushPending)
        go(&w, c, .migFlush)
      } else {
        fx.named(.mmTlbFlushNotPending)
        go(&w, c, .migCopy)
      }
    case .migFlush:
      fx.named(.flushTlbRange)
      w.flushCPUTLBs()
      fx.transition = .drop(.cpus)
      go(&w, c, .migCopy)

    // __set_page_locked(new_page); ...; migrate_page_copy(new_page, page);
    case .migCopy:
      fx.named(.migratePageCopy, page, new)
      w.touch(new, &fx)
      w.preparePrivate(new) { $0.flags.insert(.locked) }
      w.copyPage(from: page, to: new, &fx)
      go(&w, c, isRelease ? .migNotifierStart : .migLock)
    case .migNotifierStart:
      // f714f4f20e59; nothing listens to it in this era (no ->invalidate_range before v3.19).
      fx.named(.invalidateRangeStart)
      go(&w, c, .migLock)

    // ptl = pmd_lock(mm, pmd); if (!pmd_same(*pmd, entry) [v3.13: || page_count(page) != 2])
    case .migLock:
      fx.named(.pmdLock)
      w.pmdLock(a)
      go(&w, c, .migSame)
    case .migSame:
      w.validated(a)
      if w.pmd == w.actors[a].orig {
        fx.named(.pmdSame)
        go(&w, c, isRelease ? .migCount2 : .migClear)
      } else {
        fx.named(.pmdSameChanged)
        go(&w, c, .migFailUnlock)
      }
    case .migCount2:
      // Expected: the mapping and the isolation reference (2b4847e73004).
      w.touch(page, &fx)
      if w.pageCount(page, &fx) != 2 {
        fx.named(.pageCountNot2, page)
        go(&w, c, .migFailUnlock)
      } else {
        // orig_entry = *pmd: the value just found pmd_same to `entry` (kept in `orig`).
        fx.named(.pageCount2, page)
        go(&w, c, .migRmapNew)
      }

    // fail_putback: spin_unlock(ptl); [v3.13: mmu_notifier_invalidate_range_end;] undo the
    // copied flags; unlock_page(new_page); put_page(new_page); get_page(page) ("retake the
    // caller's reference"); putback_lru_page(page); NR_ISOLATED_ANON -= HPAGE_PMD_NR;
    // .rc1: goto out_fail; v3.13 (eb4489f69f22): goto out_unlock (the PMD stays NUMA-marked).
    case .migFailUnlock:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      go(&w, c, isRelease ? .migFailNotifierEnd : .migFailUnlockNew)
    case .migFailNotifierEnd:
      fx.named(era: S.notifierEnd.rawValue)
      go(&w, c, .migFailUnlockNew)
    case .migFailUnlockNew:
      fx.named(.unlockPage, new)
      w.unlockPage(new, &fx)
      go(&w, c, .migFailPutNew)
    case .migFailPutNew:
      // put_page(new_page) "Free it" (after a rollback the pagevec still holds it).
      fx.named(w.peekFrame(new).refcount == 1 ? .putPageFrees : .putPage, new)
      if w.putPage(new, &fx) {
        w.actors[a].newPage = noFrame
        go(&w, c, .migFailGetPage)
      } else {
        go(&w, c, .migDrain)
      }
    case .migFailGetPage:
      fx.named(.getPage, page)
      w.getPage(page, &fx)
      w.actors[a].flags.insert(.holdsRef)
      go(&w, c, .migFailPutback)
    case .migFailPutback:
      fx.named(.putbackLruPage, page)
      w.putbackLRU(page, &fx)
      fx.transition = w.migration(.endMigration, of: page, actors: c.actorCount)
      go(&w, c, .migFailUncount)
    case .migFailUncount:
      fx.named(.isolatedDec, page)
      w.addIsolated(-1)
      fx.transition = .plain(.uncountIsolated)
      go(&w, c, isRelease ? .migOutUnlock : .migOutDropSet)

    // The switch. v3.13: flush_cache_range; page_add_new_anon_rmap(new_page) ("rmap before the
    // PMD"); pmdp_clear_flush; set_pmd_at(new); flush_tlb_range; page_count re-check.
    // .rc1 (3f926ab945b6): pmdp_clear_flush; set_pmd_at(new); page_add_new_anon_rmap(new_page).
    case .migRmapNew:
      // page_add_new_anon_rmap also adds the new page to the LRU in this era: lru_cache_add
      // takes a reference for the per-CPU pagevec; PG_lru is set, and that reference dropped,
      // when the pagevec is drained.
      fx.named(era: S.pageAddNewAnonRmap.rawValue, new)
      w.getPage(new, &fx)
      go(&w, c, isRelease ? .migClear : .migUnlockPtl)
    case .migClear:
      // pmdp_clear_flush: pmdp_get_and_clear (the PMD is empty until set_pmd_at) ...
      fx.named(.pmdpClearFlush, page)
      w.actors[a].stash = w.pmd
      w.actors[a].flags.insert(.holdsClearedPMD)
      w.writePMD(.none, by: a, &fx)
      go(&w, c, .migClearFlush)
    case .migClearFlush:
      // ... then flush_tlb_range.
      fx.named(.flushTlbRange)
      w.flushCPUTLBs()
      fx.transition = .drop(.cpus)
      go(&w, c, .migSetPmd)
    case .migSetPmd:
      // entry = mk_pmd(new_page, vm_page_prot) [.rc1: pmd_mknonnuma]; pmd_mkhuge;
      // maybe_pmd_mkwrite(pmd_mkdirty(entry)); set_pmd_at(mm, haddr, pmd, entry);
      let entry = PMD(.present, frame: new)
      fx.named(.setPmdAt, new)
      fx.value = entry.raw
      w.writePMD(entry, by: a, &fx)
      w.actors[a].flags.remove(.holdsClearedPMD)
      fx.transition = .commit(toNode: w.peekFrame(new).node)
      go(&w, c, isRelease ? .migPostFlush : .migRmapNew)
    case .migPostFlush:
      fx.named(.flushTlbRange)
      w.flushCPUTLBs()
      fx.transition = .drop(.cpus)
      go(&w, c, .migRecount)
    case .migRecount:
      // if (page_count(page) != 2): a GUP pin arrived meanwhile; roll back (2b4847e73004).
      w.touch(page, &fx)
      if w.pageCount(page, &fx) != 2 {
        fx.named(era: S.pageCountNot2After.rawValue, page)
        go(&w, c, .migRollbackSet)
      } else {
        fx.named(era: S.pageCount2After.rawValue, page)
        go(&w, c, .migUnlockPtl)
      }
    case .migRollbackSet:
      // set_pmd_at(mm, haddr, pmd, orig_entry): the old page, NUMA-marked, mapped again. No
      // spec action undoes a commit: the checker judges what this does.
      let orig = w.actors[a].orig
      fx.named(.setPmdAt, page)
      fx.value = orig.raw
      w.writePMD(orig, by: a, &fx)
      go(&w, c, .migRollbackFlush)
    case .migRollbackFlush:
      fx.named(.flushTlbRange)
      w.flushCPUTLBs()
      fx.transition = .drop(.cpus)
      go(&w, c, .migRollbackRmap)
    case .migRollbackRmap:
      // page_remove_rmap(new_page); goto fail_putback (which drops the ptl).
      fx.named(era: S.pageRemoveRmapNew.rawValue, new)
      w.touch(new, &fx)
      go(&w, c, .migFailUnlock)

    // page_remove_rmap(page); spin_unlock(ptl); [v3.13: mmu_notifier_invalidate_range_end;]
    // unlock_page(new_page); unlock_page(page); put_page(page) ×2; NR_ISOLATED_ANON -= 512.
    case .migUnlockPtl:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      go(&w, c, isRelease ? .migNotifierEnd : .migUnlockNew)
    case .migNotifierEnd:
      fx.named(era: S.notifierEnd.rawValue)
      go(&w, c, .migUnlockNew)
    case .migUnlockNew:
      fx.named(.unlockPage, new)
      w.unlockPage(new, &fx)
      go(&w, c, .migUnlockOld)
    case .migUnlockOld:
      fx.named(.unlockPage, page)
      w.unlockPage(page, &fx)
      w.actors[a].flags.remove(.pageLocked)
      go(&w, c, .migPutOld1)
    case .migPutOld1:
      // "Drop the rmap reference".
      fx.named(.putPage, page)
      w.putPage(page, &fx)
      go(&w, c, .migPutOld2)
    case .migPutOld2:
      // "Drop the LRU isolation reference": the old page, no longer the page since the commit,
      // is normally freed here (a stutter: the migration ended at the commit).
      w.touch(page, &fx)
      w.markHistory(page, .isolated, false)
      fx.named(w.peekFrame(page).refcount == 1 ? .putPageFrees : .putPage, page)
      w.putPage(page, &fx)
      go(&w, c, .migUncount)
    case .migUncount:
      fx.named(.isolatedDec, page)
      w.addIsolated(-1)
      fx.transition = .plain(.uncountIsolated)
      w.actors[a].flags.insert(.migrated)
      go(&w, c, .migDrain)
    case .migDrain:
      // The CPU's LRU pagevec is drained later (when full, or by lru_add_drain): the page
      // joins the LRU (isolatable again) and the pagevec's reference goes. Modelled as one step
      // at the end of the migration.
      fx.named(era: S.pagevecDrain.rawValue, new)
      w.setLRU(new, &fx)
      w.putPage(new, &fx)
      w.actors[a].newPage = noFrame
      go(&w, c, w.actors[a].flags.contains(.migrated) ? .numaAVUnlock : .migFailGetPage)

    // out_dropref. v3.13 (2b4847e73004): ptl = pmd_lock(); if (pmd_same(*pmd, entry))
    // { pmd_mknonnuma; set_pmd_at; } spin_unlock(ptl);
    // .rc1 (3f926ab945b6): entry = pmd_mknonnuma(entry); set_pmd_at() — no ptl, no pmd_same.
    case .migOutDropLock:
      fx.named(.pmdLock)
      w.pmdLock(a)
      go(&w, c, .migOutDropSame)
    case .migOutDropSame:
      w.validated(a)
      if w.pmd == w.actors[a].orig {
        fx.named(.pmdSame)
        go(&w, c, .migOutDropSet)
      } else {
        fx.named(.pmdSameChanged)
        go(&w, c, .migOutDropUnlock)
      }
    case .migOutDropSet:
      clearHint(&w, c, value: mknonnuma(w.actors[a].orig), page: page, &fx)
      go(&w, c, isRelease ? .migOutDropUnlock : .migOutUnlock)
    case .migOutDropUnlock:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      go(&w, c, .migOutUnlock)
    // out_unlock: unlock_page(page); put_page(page); return 0;
    case .migOutUnlock:
      fx.named(.unlockPage, page)
      w.unlockPage(page, &fx)
      w.actors[a].flags.remove(.pageLocked)
      go(&w, c, .migOutPut)
    case .migOutPut:
      fx.named(w.peekFrame(page).refcount == 1 ? .putPageFrees : .putPage, page)
      w.putPage(page, &fx)
      w.actors[a].flags.remove(.holdsRef)
      go(&w, c, .numaAVUnlock)
    default: break
    }
  }
}
