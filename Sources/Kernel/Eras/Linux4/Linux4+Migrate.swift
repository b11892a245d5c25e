import THPSpec

// migrate_misplaced_transhuge_page and numamigrate_isolate_page, v4.14/v4.20
//. Entered with the page locked, the caller's reference held and
// the anon_vma read-locked; always consumes the reference and the page lock.

extension Linux4 {
  func migrate(_ label: L, _ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    let a = c.a
    let page = w.actors[a].pageFrame
    let new = w.actors[a].newFrame
    let outFail: L = features.contains(.lockedHintClear) ? .migOutFailLock : .migOutUnlock
    switch label {
    // v4.14: if (numamigrate_update_ratelimit(pgdat, HPAGE_PMD_NR)) goto out_dropref; (a
    // choice of the environment: the node's own counters are not modelled)
    case .migRatelimit:
      fx.named(choice == 0 ? .ratelimitOK : .ratelimited)
      go(&w, c, choice == 0 ? .migAlloc : outFail)

    // new_page = alloc_pages_node(node, GFP_TRANSHUGE_LIGHT | __GFP_THISNODE, HPAGE_PMD_ORDER)
    case .migAlloc:
      if choice == 0, let f = w.allocFrame(node: w.actors[a].target, limit: c.frameLimit) {
        fx.named(.allocPagesNode, f)
        w.actors[a].newPage = UInt8(f)
        go(&w, c, .migBalanced)
      } else {
        fx.named(.allocPagesNodeFailed)
        go(&w, c, outFail)
      }

    // numamigrate_isolate_page: migrate_balanced_pgdat (a choice of the environment: the
    // node's watermarks are not modelled), isolate_lru_page, page_count != 3, the counter.
    case .migBalanced:
      fx.named(choice == 0 ? .migrateBalanced : .migrateNotBalanced)
      go(&w, c, choice == 0 ? .migIsolate : .migIsoFailPutNew)
    case .migIsolate:
      let ok = w.isolate_lru_page(page, c, &fx)
      let next: L = features.contains(.pageCountCheck) ? .migPageCount : .migIsoAccount
      go(&w, c, ok ? next : .migIsoFailPutNew)
    case .migPageCount:
      // Expected: the mapping, the caller's pin and the isolation reference.
      let ok = w.page_count_is(3, page, c, &fx, yes: .pageCount3, no: .pageCountNot3)
      go(&w, c, ok ? .migIsoAccount : .migIsoPutbackLRU)
    case .migIsoPutbackLRU:
      w.lru_cache_add(page, c, &fx)
      go(&w, c, .migIsoPutbackPut)
    case .migIsoPutbackPut:
      w.put_page(page, c, &fx)
      w.actors[a].flags.insert(.holdsRef)  // the caller's pin is still held
      go(&w, c, .migIsoFailPutNew)
    case .migIsoAccount:
      w.nr_isolated(1, page: page, c, &fx)
      go(&w, c, .migIsoPutPin)
    case .migIsoPutPin:
      w.put_page(page, c, &fx)
      go(&w, c, .migCopy)
    case .migIsoFailPutNew:
      w.put_page(new, c, &fx)
      w.actors[a].newPage = noFrame
      go(&w, c, outFail)

    // __SetPageLocked(new_page); migrate_page_copy(new_page, page) (the new page is private:
    // nobody else can see the flag until the PMD points at it).
    case .migCopy:
      fx.named(.migratePageCopy, page, new)
      w.preparePrivate(new) { $0.flags.insert(.locked) }
      w.copyPage(from: page, to: new, &fx)
      go(&w, c, features.contains(.faultPathInvalidate) ? .migLock : .migNotifierStart)
    case .migNotifierStart:
      // Does nothing for a device that only implements ->invalidate_range.
      fx.named(.invalidateRangeStart)
      go(&w, c, .migLock)

    // ptl = pmd_lock(); if (!pmd_same(*pmd, entry) || !page_ref_freeze(page, 2)) fail_putback
    case .migLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .migSame)
    case .migSame:
      go(&w, c, w.pmd_same(c, &fx) ? .migFreeze : .migFailUnlock)
    case .migFreeze where !features.contains(.refFreeze):
      // Before v4.13: page_count(page) != 2 → fail_putback (a read: nothing stops a new
      // reference from coming next).
      let two = w.page_count_is(2, page, c, &fx, yes: .pageCount2, no: .pageCountNot2)
      go(&w, c, two ? (features.contains(.noClearBeforeSet) ? .migSetPmd : .migClear) : .migFailUnlock)
    case .migFreeze:
      if w.pageRefFreeze(page, 2, &fx) {
        fx.named(.pageRefFreeze, page)
        go(&w, c, features.contains(.noClearBeforeSet) ? .migSetPmd : .migClear)
      } else {
        fx.named(.pageRefFreezeFailed, page)
        go(&w, c, .migFailUnlock)
      }

    // fail_putback
    case .migFailUnlock:
      w.spin_unlock(c, &fx)
      go(&w, c, features.contains(.faultPathInvalidate) ? .migFailUnlockNew : .migFailNotifierEnd)
    case .migFailNotifierEnd:
      w.invalidate_secondary(c, &fx, .invalidateRangeEnd)
      go(&w, c, .migFailUnlockNew)
    case .migFailUnlockNew:
      w.unlock_page(new, c, &fx)
      go(&w, c, .migFailPutNew)
    case .migFailPutNew:
      w.put_page(new, c, &fx)
      w.actors[a].newPage = noFrame
      go(&w, c, .migFailGetPage)
    case .migFailGetPage:
      // "Retake the caller's reference and putback on LRU".
      w.get_page(page, c, &fx)
      go(&w, c, .migFailPutbackLRU)
    case .migFailPutbackLRU:
      w.lru_cache_add(page, c, &fx)
      go(&w, c, .migFailPutbackPut)
    case .migFailPutbackPut:
      w.put_page(page, c, &fx)
      w.actors[a].flags.insert(.holdsRef)  // the retaken reference
      go(&w, c, .migFailUncount)
    case .migFailUncount:
      w.nr_isolated(-1, page: page, c, &fx)
      go(&w, c, .migOutUnlock)

    // v4.14: pmdp_huge_clear_flush_notify() before set_pmd_at (removed by d7c3393413fe).
    case .migClear:
      w.clear_pmd_locked(to: { _ in .none }, c, &fx, .pmdpHugeClearFlushNotify, frame: page)
      go(&w, c, .migClearFlush)
    case .migClearFlush:
      w.flush_tlb_range(c, &fx, .flushPmdTlbRange)
      go(&w, c, .migClearInvalidate)
    case .migClearInvalidate:
      w.invalidate_secondary(c, &fx, .mmuNotifierInvalidateRange)
      go(&w, c, .migSetPmd)

    // The commit: set_pmd_at(new entry), then unfreeze and release.
    case .migSetPmd:
      w.set_pmd_at(PMD(.present, frame: new), c, &fx)
      w.actors[a].flags.remove(.holdsClearedPMD)
      fx.transition = .commit(toNode: w.peekFrame(new).node)
      go(&w, c, features.contains(.refFreeze) ? .migUnfreeze : .migRecount)
    // Before v4.13: if (page_count(page) != 2) { set_pmd_at(orig_entry); flush_pmd_tlb_range;
    // mmu_notifier_invalidate_range; page_remove_rmap(new_page); goto fail_putback; }
    case .migRecount:
      let two = w.page_count_is(2, page, c, &fx, yes: .recount2, no: .recountNot2)
      go(&w, c, two ? .migUnlockPtl : .migRollbackSet)
    case .migRollbackSet:
      // No spec action undoes a commit: the checker judges what this does.
      w.set_pmd_at(w.actors[a].orig, c, &fx, .rollbackSet, frame: page)
      go(&w, c, .migRollbackFlush)
    case .migRollbackFlush:
      w.flush_tlb_range(c, &fx, .flushPmdTlbRange)
      go(&w, c, .migRollbackInvalidate)
    case .migRollbackInvalidate:
      w.invalidate_secondary(c, &fx, .mmuNotifierInvalidateRange)
      go(&w, c, .migRollbackRmap)
    case .migRollbackRmap:
      fx.named(.pageRemoveRmapNew, new)
      w.touch(new, &fx)
      go(&w, c, .migFailUnlock)
    case .migUnfreeze:
      fx.named(.pageRefUnfreeze, page)
      w.pageRefUnfreeze(page, 2, &fx)
      go(&w, c, .migUnlockPtl)
    case .migUnlockPtl:
      w.spin_unlock(c, &fx)
      go(&w, c, features.contains(.faultPathInvalidate) ? .migGetNew : .migNotifierEnd)
    case .migNotifierEnd:
      // v4.14's mmu_notifier_invalidate_range_end: ->invalidate_range runs here, after the
      // copy and the commit.
      w.invalidate_secondary(c, &fx, .invalidateRangeEnd)
      go(&w, c, .migGetNew)
    // get_page(new_page); putback_lru_page(new_page): "Take an isolate reference and put new
    // page on the LRU" — until this get_page the new page's one reference is its mapping's.
    case .migGetNew:
      fx.named(.getPage, new)
      w.getPage(new, &fx)
      go(&w, c, .migPutbackNewLRU)
    case .migPutbackNewLRU:
      w.lru_cache_add(new, c, &fx, ending: false)
      go(&w, c, .migPutbackNewPut)
    case .migPutbackNewPut:
      fx.named(w.peekFrame(new).refcount == 1 ? .putPageFrees : .putPage, new)
      w.putPage(new, &fx)
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
      // The isolation reference: the old page (no longer the page since the commit) is freed.
      w.markHistory(page, .isolated, false)
      fx.named(w.peekFrame(page).refcount == 1 ? .putPageFrees : .putPage, page)
      w.putPage(page, &fx)
      go(&w, c, .migUncount)
    case .migUncount:
      w.nr_isolated(-1, page: page, c, &fx)
      w.actors[a].flags.insert(.migrated)
      go(&w, c, .numaAVUnlock)

    // out_fail / out_dropref: restore the PMD if it is still the one we faulted on.
    case .migOutFailLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .migOutFailSame)
    case .migOutFailSame:
      go(&w, c, w.pmd_same(c, &fx) ? .migOutFailSet : .migOutFailUnlock)
    case .migOutFailSet:
      let name: KStep = features.contains(.ratelimit) ? .outDroprefSet : .outFailSet
      // pmd_modify(entry, vma->vm_page_prot): the private mapping's protection has no RW, and
      // unlike clear_pmdnuma this path does not re-apply the saved write bit.
      clearHint(&w, c, value: w.actors[a].orig.with(.present).wrprotect(), page: page, &fx, name)
      go(&w, c, .migOutFailUnlock)
    case .migOutFailUnlock:
      w.spin_unlock(c, &fx)
      go(&w, c, .migOutUnlock)
    // out_unlock: unlock_page(page); put_page(page); return 0;
    case .migOutUnlock:
      w.unlock_page(page, c, &fx)
      go(&w, c, .migOutPut)
    case .migOutPut:
      w.put_page(page, c, &fx)
      go(&w, c, features.contains(.lockedHintClear) ? .numaAVUnlock : .checkSameLock)
    default: break
    }
  }
}
