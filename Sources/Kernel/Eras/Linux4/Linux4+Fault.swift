import THPSpec

// do_huge_pmd_numa_page, v4.14/v4.20. Entered from
// __handle_mm_fault with orig_pmd, the fault entry's second read of the PMD.

extension Linux4 {
  func fault(_ label: L, _ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    let a = c.a
    let page = w.actors[a].pageFrame
    switch label {
    // vmf->ptl = pmd_lock(); if (!pmd_same(pmd, *vmf->pmd)) goto out_unlock;
    case .numaLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .numaSame)
    case .numaSame:
      go(&w, c, w.pmd_same(c, &fx) ? .numaTransMigrating : .numaUnlockOut)

    // if (pmd_trans_migrating(*vmf->pmd)): PageLocked(pmd_page(*pmd)) — under the ptl the PMD
    // still maps the frame pmd_same just found, so the one access is the page-flag read. A
    // migration in flight: wait for it, then retry the fault.
    case .numaTransMigrating:
      let f = w.actors[a].orig.frame
      w.actors[a].page = UInt8(f)
      if w.pageLocked(f, &fx) {
        fx.named(.pmdTransMigrating, f)
        go(&w, c, features.contains(.waiterReference) ? .waitGetRef : .waitUnlock)
      } else {
        fx.named(.pmdNotTransMigrating, f)
        go(&w, c, .numaTrylock)
      }

    // page_locked = trylock_page(page); target_nid = mpol_misplaced(page, vma, haddr);
    case .numaTrylock:
      _ = w.trylock_page(page, c, &fx)
      go(&w, c, .numaMisplaced)
    case .numaMisplaced:
      let locked = w.actors[a].flags.contains(.pageLocked)
      misplaced(&w, c, choice: choice, page, &fx)
      if !locked {
        // Someone else holds the page lock: wait for it and retry.
        go(&w, c, features.contains(.waiterReference) ? .waitGetRef : .waitUnlock)
      } else if choice == 1 {
        // Before 3f926ab945b6 the page was unlocked before clear_pmdnuma.
        go(&w, c, features.contains(.lockedHintClear) ? .numaClear : .numaEarlyUnlockPage)
      } else {
        go(&w, c, .numaGetPage)
      }

    // The two wait sites: get_page_unless_zero (3c226c637b69), unlock, wait, put_page.
    case .waitGetRef:
      go(&w, c, w.get_page_unless_zero(page, c, &fx) ? .waitUnlock : .numaUnlockOut)
    case .waitUnlock:
      w.spin_unlock(c, &fx)
      go(&w, c, .waitSleep)
    case .waitSleep:
      if !w.actors[a].flags.contains(.holdsRef) { fx.rules.insert(.sleepWithoutReference) }
      if w.queueOnPageLock(page, &fx) {
        fx.named(.waitOnPageLockedSleeps, page)
        w.actors[a].flags.insert(.sleeping)
        go(&w, c, .waitWoken)
      } else {
        fx.named(.waitOnPageLocked, page)
        afterWait(&w, c)
      }
    case .waitWoken:
      // wait_on_page_bit_common re-tests PG_locked after every wake-up.
      fx.named(.wokenUp, page)
      w.touch(page, &fx)
      w.actors[a].flags.remove(.sleeping)
      afterWait(&w, c)
    case .waitPut:
      w.put_page(page, c, &fx)
      w.faultReturns(c, self)

    // clear_pmdnuma: pmd_modify(pmd, vma->vm_page_prot), pmd_mkyoung, set_pmd_at, unlock_page.
    case .numaEarlyUnlockPage:
      w.unlock_page(page, c, &fx)
      go(&w, c, .numaClear)
    case .numaClear:
      // BUG_ON(!PageLocked(page)) (3f926ab945b6): this actor's own lock, which nobody else
      // can release, so not an access another actor can race with.
      let locked = w.actors[a].flags.contains(.pageLocked)
      if features.contains(.lockedHintClear) && !locked { fx.fail(.kernelBug, .notLocked) }
      clearHint(&w, c, value: w.actors[a].orig.with(.present).mkyoung(), page: page, &fx)
      go(&w, c, locked ? .numaClearUnlockPage : .numaUnlockOut)
    case .numaClearUnlockPage:
      w.unlock_page(page, c, &fx)
      go(&w, c, .numaUnlockOut)
    case .numaUnlockOut:
      w.spin_unlock(c, &fx)
      w.faultReturns(c, self)

    // Misplaced: get_page, drop the ptl for the anon_vma lock, re-check the PMD.
    case .numaGetPage:
      w.get_page(page, c, &fx)
      go(&w, c, .numaUnlockForAV)
    case .numaUnlockForAV:
      w.spin_unlock(c, &fx)
      go(&w, c, .numaAnonVma)
    case .numaAnonVma:
      fx.named(.pageLockAnonVmaRead, page)
      w.addAnonVmaReader(1)
      w.actors[a].flags.insert(.anonVma)
      go(&w, c, .numaRelock)
    case .numaRelock:
      w.pmd_lock(c, &fx)
      go(&w, c, .numaSameAgain)
    case .numaSameAgain:
      go(&w, c, w.pmd_same(c, &fx) ? .numaFlushPending : .numaRaceUnlockPage)
    case .numaRaceUnlockPage:
      w.unlock_page(page, c, &fx)
      go(&w, c, .numaRacePutPage)
    case .numaRacePutPage:
      w.put_page(page, c, &fx)
      go(&w, c, .numaUnlockThenAV)
    case .numaUnlockThenAV:
      w.spin_unlock(c, &fx)
      go(&w, c, .numaAVUnlock)
    case .numaAVUnlock:
      fx.named(.pageUnlockAnonVmaRead)
      if w.actors[a].flags.contains(.anonVma) { w.addAnonVmaReader(-1) }
      w.actors[a].flags.remove(.anonVma)
      w.faultReturns(c, self)

    // Under the ptl: if (mm_tlb_flush_pending(mm)) { flush_tlb_range(); and, since
    // 7066f0f933a1, mmu_notifier_invalidate_range(); } then call the migrator.
    case .numaFlushPending:
      let pending = w.flushPending > 0
      fx.named(pending ? .mmTlbFlushPending : .mmTlbFlushNotPending)
      go(&w, c, pending ? .numaFlush : .numaUnlockMigrate)
    case .numaFlush:
      w.flush_tlb_range(c, &fx)
      go(&w, c, features.contains(.faultPathInvalidate) ? .numaInvalidate : .numaUnlockMigrate)
    case .numaInvalidate:
      w.invalidate_secondary(c, &fx, .mmuNotifierInvalidateRange)
      go(&w, c, .numaUnlockMigrate)
    case .numaUnlockMigrate:
      w.spin_unlock(c, &fx)
      go(&w, c, features.contains(.ratelimit) ? .migRatelimit : .migAlloc)

    // Before 3f926ab945b6 a failed migration returned with the marker set and the page
    // unlocked; the caller re-took the ptl and cleared it after a pmd_same check.
    case .checkSameLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .checkSame)
    case .checkSame:
      go(&w, c, w.pmd_same(c, &fx) ? .checkSameClear : .numaUnlockThenAV)
    case .checkSameClear:
      let orig = w.actors[a].orig
      clearHint(&w, c, value: orig.with(.present).mkyoung(), page: orig.frame, &fx)
      go(&w, c, .numaUnlockThenAV)
    default: break
    }
  }

  /// After waking (or not sleeping): drop the waiter's reference if it took one, and retry.
  func afterWait(_ w: inout World, _ c: Ctx) {
    if w.actors[c.a].flags.contains(.holdsRef) {
      go(&w, c, .waitPut)
    } else {
      w.faultReturns(c, self)
    }
  }

  /// `set_pmd_at` of an accessible value over a NUMA-marked PMD, with the rule that only the
  /// page-lock holder may do it.
  func clearHint(
    _ w: inout World, _ c: Ctx, value: PMD, page: Int, _ fx: inout Fx,
    _ name: KStep = .clearPmdnumaSet
  ) {
    if !w.actors[c.a].flags.contains(.pageLocked) { fx.rules.insert(.hintClearedWithoutPageLock) }
    w.set_pmd_at(value, c, &fx, name, frame: page)
    fx.transition = .plain(.clearHinting)
  }
}

extension Era {
  /// `target_nid = mpol_misplaced(page, vma, haddr)`: a choice of the environment (choice 0:
  /// misplaced, the outcome that makes progress; 1: -1, stay). Its update of the page's
  /// last-cpupid bits only feeds that decision, which the choice already covers.
  func misplaced(_ w: inout World, _ c: Ctx, choice: Int, _ page: Int, _ fx: inout Fx) {
    if choice == 1 {
      fx.named(.mpolMisplacedLocal, page)
    } else {
      w.actors[c.a].target = 1 - w.peekFrame(page).node
      fx.named(.mpolMisplacedRemote, page)
      fx.value = UInt16(w.actors[c.a].target)
    }
  }
}
