import THPSpec

// migrate_misplaced_transhuge_page and numamigrate_isolate_page, v4.14/v4.20
// (reference §1.c and §1.d). Entered with the page locked, the caller's reference held and
// the anon_vma read-locked; always consumes the reference and the page lock.

extension Linux4 {
  func migrate(_ label: L, _ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    let a = c.a
    let page = w.actors[a].pageFrame
    let new = w.actors[a].newFrame
    switch label {
    // v4.14: if (numamigrate_update_ratelimit(pgdat, HPAGE_PMD_NR)) goto out_dropref;
    case .migRatelimit:
      if choice == 0 {
        fx.named(.ratelimitOK)
        go(&w, c, .migAlloc)
      } else {
        fx.named(.ratelimited)
        go(&w, c, features.contains(.lockedHintClear) ? .migOutFailLock : .migOutUnlock)
      }

    // new_page = alloc_pages_node(node, GFP_TRANSHUGE_LIGHT | __GFP_THISNODE, HPAGE_PMD_ORDER)
    case .migAlloc:
      if choice == 0, let f = w.allocFrame(node: w.actors[a].target, limit: c.frameLimit) {
        fx.named(.allocPagesNode, f)
        w.actors[a].newPage = UInt8(f)
        go(&w, c, .migBalanced)
      } else {
        fx.named(.allocPagesNodeFailed)
        go(&w, c, features.contains(.lockedHintClear) ? .migOutFailLock : .migOutUnlock)
      }

    // numamigrate_isolate_page
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
        go(&w, c, features.contains(.pageCountCheck) ? .migPageCount : .migIsoAccount)
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
      go(&w, c, .migCopy)
    case .migIsoFailPutNew:
      fx.named(.putPageFrees, new)
      w.putPage(new, &fx)
      w.actors[a].newPage = noFrame
      go(&w, c, features.contains(.lockedHintClear) ? .migOutFailLock : .migOutUnlock)

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
      fx.named(.pmdLock)
      w.pmdLock(a)
      go(&w, c, .migSame)
    case .migSame:
      w.validated(a)
      if w.pmd == w.actors[a].orig {
        fx.named(.pmdSame)
        go(&w, c, .migFreeze)
      } else {
        fx.named(.pmdSameChanged)
        go(&w, c, .migFailUnlock)
      }
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
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      go(&w, c, features.contains(.faultPathInvalidate) ? .migFailUnlockNew : .migFailNotifierEnd)
    case .migFailNotifierEnd:
      fx.named(.invalidateRangeEnd)
      w.invalidateDevice()
      fx.transition = .drop(AgentSet(.device))
      go(&w, c, .migFailUnlockNew)
    case .migFailUnlockNew:
      fx.named(.unlockPage, new)
      w.unlockPage(new, &fx)
      go(&w, c, .migFailPutNew)
    case .migFailPutNew:
      fx.named(.putPageFrees, new)
      w.putPage(new, &fx)
      w.actors[a].newPage = noFrame
      go(&w, c, .migFailGetPage)
    case .migFailGetPage:
      // "Retake the caller's reference and putback on LRU".
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
      go(&w, c, .migOutUnlock)

    // v4.14: pmdp_huge_clear_flush_notify() before set_pmd_at (removed by d7c3393413fe).
    case .migClear:
      fx.named(.pmdpHugeClearFlushNotify, page)
      w.actors[a].stash = w.pmd
      w.actors[a].flags.insert(.holdsClearedPMD)
      w.writePMD(.none, by: a, &fx)
      go(&w, c, .migClearFlush)
    case .migClearFlush:
      fx.named(.flushPmdTlbRange)
      w.flushCPUTLBs()
      fx.transition = .drop(.cpus)
      go(&w, c, .migClearInvalidate)
    case .migClearInvalidate:
      fx.named(.mmuNotifierInvalidateRange)
      w.invalidateDevice()
      fx.transition = .drop(AgentSet(.device))
      go(&w, c, .migSetPmd)

    // The commit: set_pmd_at(new entry), then unfreeze and release.
    case .migSetPmd:
      let entry = PMD(.present, frame: new)
      fx.named(.setPmdAt, new)
      fx.value = entry.raw
      w.writePMD(entry, by: a, &fx)
      w.actors[a].flags.remove(.holdsClearedPMD)
      fx.transition = .commit(toNode: w.peekFrame(new).node)
      go(&w, c, .migUnfreeze)
    case .migUnfreeze:
      fx.named(.pageRefUnfreeze, page)
      w.pageRefUnfreeze(page, 2, &fx)
      go(&w, c, .migUnlockPtl)
    case .migUnlockPtl:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      go(&w, c, features.contains(.faultPathInvalidate) ? .migPutbackNew : .migNotifierEnd)
    case .migNotifierEnd:
      // v4.14's mmu_notifier_invalidate_range_end (after d7c3393413fe also a full end):
      // ->invalidate_range runs here, after the copy and the commit.
      fx.named(.invalidateRangeEnd)
      w.invalidateDevice()
      fx.transition = .drop(AgentSet(.device))
      go(&w, c, .migPutbackNew)
    case .migPutbackNew:
      // get_page(new_page); putback_lru_page(new_page): net, the new page joins the LRU.
      fx.named(.putbackLruPage, new)
      w.setLRU(new, &fx)
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
      fx.named(.putPage, page)
      w.putPage(page, &fx)
      go(&w, c, .migPutOld2)
    case .migPutOld2:
      // The isolation reference: the old page (no longer the page since the commit) is freed.
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
      go(&w, c, .numaAVUnlock)

    // out_fail / out_dropref: restore the PMD if it is still the one we faulted on.
    case .migOutFailLock:
      fx.named(.pmdLock)
      w.pmdLock(a)
      go(&w, c, .migOutFailSame)
    case .migOutFailSame:
      w.validated(a)
      if w.pmd == w.actors[a].orig {
        fx.named(.pmdSame)
        go(&w, c, .migOutFailSet)
      } else {
        fx.named(.pmdSameChanged)
        go(&w, c, .migOutFailUnlock)
      }
    case .migOutFailSet:
      clearHint(&w, c, value: w.actors[a].orig.with(.present), page: page, &fx)
      go(&w, c, .migOutFailUnlock)
    case .migOutFailUnlock:
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
      fx.named(.putPage, page)
      w.putPage(page, &fx)
      w.actors[a].flags.remove(.holdsRef)
      go(&w, c, features.contains(.lockedHintClear) ? .numaAVUnlock : .checkSameLock)
    default: break
    }
  }
}
