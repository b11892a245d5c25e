import THPSpec

// migrate_misplaced_transhuge_page and numamigrate_isolate_page, v3.8 (`b32967ff101a`,
// reference §1.a), the first posting of `04fa5d6a6547` (seed 002, "Race 2") and v3.9
// (`340ef3902cf2`, §1.b "numamigrate_isolate_page [v3.9 → v4.x]"). Entered with the page
// locked and the caller's pin held; no TLB flush and no notifier anywhere in it.

extension Linux3_8 {
  func migrate(_ label: L, _ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    let a = c.a
    let page = w.actors[a].pageFrame
    let new = w.actors[a].newFrame
    let v39 = variant == .v3_9
    switch label {
    // if (page_mapcount(page) != 1) goto out_dropref; (one mapping: always 1 here)
    case .migMapcount:
      w.touch(page, &fx)
      fx.named(.pageMapcountOK, page)
      go(&w, c, .migRatelimit)
    // if (numamigrate_update_ratelimit(pgdat)) goto out_dropref;
    case .migRatelimit:
      if choice == 0 {
        fx.named(.ratelimitOK)
        go(&w, c, .migAlloc)
      } else {
        fx.named(.ratelimited)
        go(&w, c, v39 ? .migOutUnlock : .migOutPut)
      }
    // new_page = alloc_pages_node(node, (GFP_TRANSHUGE | GFP_THISNODE) & ~__GFP_WAIT, ...);
    // failure: out_dropref (v3.9: out_fail).
    case .migAlloc:
      if choice == 0, let f = w.allocFrame(node: w.actors[a].target, limit: c.frameLimit) {
        fx.named(.allocPagesNode, f)
        w.actors[a].newPage = UInt8(f)
        go(&w, c, .migBalanced)
      } else {
        fx.named(.allocPagesNodeFailed)
        go(&w, c, v39 ? .migOutUnlock : .migOutPut)
      }

    // numamigrate_isolate_page: if (migrate_balanced_pgdat(pgdat, 1)) ... ; v3.8 always
    // drops the caller's pin, v3.9 only once the page is isolated and counted.
    case .migBalanced:
      if choice == 0 {
        fx.named(.migrateBalanced)
        go(&w, c, .migIsolate)
      } else {
        fx.named(.migrateNotBalanced)
        go(&w, c, v39 ? .migIsoFailPutNew : .migIsoDropPin)
      }
    case .migIsolate:
      if w.isolateLRU(page, &fx) {
        fx.named(.isolateLruPage, page)
        fx.transition = w.migration(.beginMigration, of: page, actors: c.actorCount)
        go(&w, c, v39 ? .migPageCount3 : .migIsoAccount)
      } else {
        fx.named(.isolateLruPageFailed, page)
        go(&w, c, v39 ? .migIsoFailPutNew : .migIsoDropPin)
      }
    case .migIsoDropPin:
      // v3.8's failure paths: put_page(page) far from the unlock_page (Hugh's objection).
      fx.named(era: S.isolateDropPin.rawValue, page)
      w.putPage(page, &fx)
      w.actors[a].flags.remove(.holdsRef)
      go(&w, c, .migIsoFailPutNew)
    case .migPageCount3:
      // v3.9: "The expected page count is 3": the mapping, the caller's pin, the isolation.
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
      w.actors[a].flags.insert(.isolated)
      go(&w, c, variant == .pagecountV1 ? .migPageCount2 : .migCopy)
    // if (!isolated) { put_page(new_page); goto out_keep_locked; }  (v3.9: goto out_fail)
    case .migIsoFailPutNew:
      fx.named(.putPageFrees, new)
      w.putPage(new, &fx)
      w.actors[a].newPage = noFrame
      if v39 {
        go(&w, c, .migOutUnlock)
      } else {
        go(&w, c, .checkSameLock)
      }

    // First posting of 04fa5d6a6547: if (!isolated || page_count(page) != 2) { put_page(new);
    // if (isolated) putback_lru_page(page); goto out_keep_locked; } — the counter stays up.
    case .migPageCount2:
      w.touch(page, &fx)
      if w.pageCount(page, &fx) != 2 {
        fx.named(.pageCountNot2, page)
        go(&w, c, .migV1PutNew)
      } else {
        fx.named(.pageCount2, page)
        go(&w, c, .migCopy)
      }
    case .migV1PutNew:
      fx.named(.putPageFrees, new)
      w.putPage(new, &fx)
      w.actors[a].newPage = noFrame
      go(&w, c, .migV1Putback)
    case .migV1Putback:
      fx.named(.putbackLruPage, page)
      w.putbackLRU(page, &fx)
      w.actors[a].flags.remove(.isolated)
      fx.transition = w.migration(.endMigration, of: page, actors: c.actorCount)
      go(&w, c, .checkSameLock)

    // __set_page_locked(new_page); ...; migrate_page_copy(new_page, page);
    case .migCopy:
      fx.named(.migratePageCopy, page, new)
      w.preparePrivate(new) { $0.flags.insert(.locked) }
      w.copyPage(from: page, to: new, &fx)
      go(&w, c, .migLock)

    // spin_lock(&mm->page_table_lock); if (!pmd_same(*pmd, entry)) back out.
    case .migLock:
      fx.named(.pmdLock)
      w.pmdLock(a)
      go(&w, c, .migSame)
    case .migSame:
      w.validated(a)
      if w.pmd == w.actors[a].orig {
        fx.named(.pmdSame)
        go(&w, c, .migRmapNew)
      } else {
        fx.named(.pmdSameChanged)
        go(&w, c, .migFailUnlock)
      }

    // The late failure: unlock; unlock_page(new_page); put_page(new_page) frees it;
    // unlock_page(page); putback_lru_page(page); goto out (lowers the counter, returns
    // isolated: v3.8 tells the caller it migrated, v3.9 sets isolated = 0 first).
    case .migFailUnlock:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      go(&w, c, .migFailUnlockNew)
    case .migFailUnlockNew:
      fx.named(.unlockPage, new)
      w.unlockPage(new, &fx)
      go(&w, c, .migFailPutNew)
    case .migFailPutNew:
      fx.named(.putPageFrees, new)
      w.putPage(new, &fx)
      w.actors[a].newPage = noFrame
      go(&w, c, .migFailUnlockOld)
    case .migFailUnlockOld:
      fx.named(.unlockPage, page)
      w.unlockPage(page, &fx)
      w.actors[a].flags.remove(.pageLocked)
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
      w.actors[a].flags.remove(.isolated)
      if v39 {
        go(&w, c, .checkSameLock)
      } else {
        w.faultReturns(c, self)
      }

    // The commit: page_add_new_anon_rmap(new_page) (onto the LRU), then set_pmd_at of the new
    // frame straight over the pmd_numa value: no clear, no flush.
    case .migRmapNew:
      fx.named(era: S.addNewAnonRmap.rawValue, new)
      w.preparePrivate(new) { $0.flags.insert(.lru) }
      go(&w, c, .migSetPmd)
    case .migSetPmd:
      let entry = PMD(.present, frame: new)
      fx.named(.setPmdAt, new)
      fx.value = entry.raw
      w.writePMD(entry, by: a, &fx)
      fx.transition = .commit(toNode: w.peekFrame(new).node)
      go(&w, c, .migUnlockPtl)
    case .migUnlockPtl:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      go(&w, c, .migUnlockNew)
    case .migUnlockNew:
      fx.named(.unlockPage, new)
      w.unlockPage(new, &fx)
      w.actors[a].newPage = noFrame
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
      w.faultReturns(c, self)

    // v3.9 out_fail / out_dropref: unlock_page(page); put_page(page); return 0.
    // v3.8 out_dropref: put_page(page); return 0 with the page still locked.
    case .migOutUnlock:
      fx.named(.unlockPage, page)
      w.unlockPage(page, &fx)
      w.actors[a].flags.remove(.pageLocked)
      go(&w, c, .migOutPut)
    case .migOutPut:
      fx.named(w.peekFrame(page).refcount == 1 ? .putPageFrees : .putPage, page)
      w.putPage(page, &fx)
      w.actors[a].flags.remove(.holdsRef)
      go(&w, c, .checkSameLock)
    default: break
    }
  }
}
