import THPSpec

// migrate_misplaced_transhuge_page and numamigrate_isolate_page, v3.8 (`b32967ff101a`),
// the first posting of `04fa5d6a6547` (seed 002, "Race 2") and v3.9
// (`340ef3902cf2`). Entered with the page
// locked and the caller's pin held; no TLB flush and no notifier anywhere in it. A page put
// back on the LRU, like the new page of page_add_new_anon_rmap, goes into this CPU's pagevec
// (drained when the fault returns).

extension Linux3_8 {
  func migrate(_ label: L, _ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    let a = c.a
    let page = w.actors[a].pageFrame
    let new = w.actors[a].newFrame
    let v39 = variant == .v3_9
    switch label {
    // if (page_mapcount(page) != 1) goto out_dropref; (one mapping: always 1 here; the
    // model derives mapcounts from the PMD)
    case .migMapcount:
      w.touch(page, &fx)
      fx.named(.pageMapcountOK, page)
      go(&w, c, .migRatelimit)
    // if (numamigrate_update_ratelimit(pgdat)) goto out_dropref; (a choice of the environment)
    case .migRatelimit:
      fx.named(choice == 0 ? .ratelimitOK : .ratelimited)
      go(&w, c, choice == 0 ? .migAlloc : v39 ? .migOutUnlock : .migOutPut)
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
      fx.named(choice == 0 ? .migrateBalanced : .migrateNotBalanced)
      go(&w, c, choice == 0 ? .migIsolate : v39 ? .migIsoFailPutNew : .migIsoDropPin)
    case .migIsolate:
      if w.isolate_lru_page(page, c, &fx) {
        go(&w, c, v39 ? .migPageCount3 : .migIsoAccount)
      } else {
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
      w.actors[a].flags.insert(.isolated)
      go(&w, c, variant == .pagecountV1 ? .migPageCount2 : .migCopy)
    // if (!isolated) { put_page(new_page); goto out_keep_locked; }  (v3.9: goto out_fail)
    case .migIsoFailPutNew:
      w.put_page(new, c, &fx)
      w.actors[a].newPage = noFrame
      go(&w, c, v39 ? .migOutUnlock : .checkSameLock)

    // First posting of 04fa5d6a6547: if (!isolated || page_count(page) != 2) { put_page(new);
    // if (isolated) putback_lru_page(page); goto out_keep_locked; } — the counter stays up.
    case .migPageCount2:
      let ok = w.page_count_is(2, page, c, &fx, yes: .pageCount2, no: .pageCountNot2)
      go(&w, c, ok ? .migCopy : .migV1PutNew)
    case .migV1PutNew:
      w.put_page(new, c, &fx)
      w.actors[a].newPage = noFrame
      go(&w, c, .migV1PutbackLRU)
    case .migV1PutbackLRU:
      w.lru_cache_add_pagevec(page, c, &fx, ending: true)
      go(&w, c, .migV1PutbackPut)
    case .migV1PutbackPut:
      fx.named(.putPage, page)
      w.putPage(page, &fx)
      w.actors[a].flags.remove(.isolated)
      go(&w, c, .checkSameLock)

    // __set_page_locked(new_page); ...; migrate_page_copy(new_page, page);
    case .migCopy:
      fx.named(.migratePageCopy, page, new)
      w.preparePrivate(new) { $0.flags.insert(.locked) }
      w.copyPage(from: page, to: new, &fx)
      go(&w, c, .migLock)

    // spin_lock(&mm->page_table_lock); if (!pmd_same(*pmd, entry)) back out.
    case .migLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .migSame)
    case .migSame:
      go(&w, c, w.pmd_same(c, &fx) ? .migRmapNew : .migFailUnlock)

    // The late failure: unlock; unlock_page(new_page); put_page(new_page) frees it;
    // unlock_page(page); putback_lru_page(page); goto out (lowers the counter, returns
    // isolated: v3.8 tells the caller it migrated, v3.9 sets isolated = 0 first).
    case .migFailUnlock:
      w.spin_unlock(c, &fx)
      go(&w, c, .migFailUnlockNew)
    case .migFailUnlockNew:
      w.unlock_page(new, c, &fx)
      go(&w, c, .migFailPutNew)
    case .migFailPutNew:
      w.put_page(new, c, &fx)
      w.actors[a].newPage = noFrame
      go(&w, c, .migFailUnlockOld)
    case .migFailUnlockOld:
      w.unlock_page(page, c, &fx)
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
      w.actors[a].flags.remove(.isolated)
      if v39 {
        go(&w, c, .checkSameLock)
      } else {
        w.faultReturns(c, self)
      }

    // The commit: page_add_new_anon_rmap(new_page) (into this CPU's pagevec), then set_pmd_at
    // of the new frame straight over the pmd_numa value: no clear, no flush.
    case .migRmapNew:
      w.lru_cache_add_pagevec(new, c, &fx)
      fx.named(era: S.addNewAnonRmap.rawValue, new)
      go(&w, c, .migSetPmd)
    case .migSetPmd:
      w.set_pmd_at(PMD(.present, frame: new), c, &fx)
      fx.transition = .commit(toNode: w.peekFrame(new).node)
      go(&w, c, .migUnlockPtl)
    case .migUnlockPtl:
      w.spin_unlock(c, &fx)
      go(&w, c, .migUnlockNew)
    case .migUnlockNew:
      w.unlock_page(new, c, &fx)
      w.actors[a].newPage = noFrame
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
      w.faultReturns(c, self)

    // v3.9 out_fail / out_dropref: unlock_page(page); put_page(page); return 0.
    // v3.8 out_dropref: put_page(page); return 0 with the page still locked.
    case .migOutUnlock:
      w.unlock_page(page, c, &fx)
      go(&w, c, .migOutPut)
    case .migOutPut:
      w.put_page(page, c, &fx)
      go(&w, c, .checkSameLock)
    default: break
    }
  }
}
