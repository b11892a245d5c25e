import THPSpec

// do_huge_pmd_numa_page, v4.14/v4.20 (reference §1.c steps 1–12, §1.d step 9).

extension Linux4 {
  func fault(_ label: L, _ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    let a = c.a
    let page = w.actors[a].pageFrame
    switch label {
    // vmf->ptl = pmd_lock(); if (!pmd_same(pmd, *vmf->pmd)) goto out_unlock;
    case .numaLock:
      fx.named(.pmdLock)
      w.pmdLock(a)
      go(&w, c, .numaSame)
    case .numaSame:
      w.validated(a)
      if w.pmd == w.actors[a].orig {
        fx.named(.pmdSame)
        go(&w, c, .numaTransMigrating)
      } else {
        fx.named(.pmdSameChanged)
        go(&w, c, .numaUnlockOut)
      }

    // if (pmd_trans_migrating(*vmf->pmd)): wait for the migration, then retry the fault.
    case .numaTransMigrating:
      let f = w.pmd.frame
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
      if w.trylockPage(page, &fx) {
        fx.named(.trylockPage, page)
        w.actors[a].flags.insert(.pageLocked)
      } else {
        fx.named(.trylockPageFailed, page)
      }
      go(&w, c, .numaMisplaced)
    case .numaMisplaced:
      let locked = w.actors[a].flags.contains(.pageLocked)
      // Choice 0: misplaced (the outcome that makes progress is listed first); 1: -1.
      if choice == 1 {
        fx.named(.mpolMisplacedLocal, page)
      } else {
        w.actors[a].target = 1 - w.peekFrame(page).node
        fx.named(.mpolMisplacedRemote, page)
        fx.value = UInt16(w.actors[a].target)
      }
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
      if w.getPageUnlessZero(page) {
        fx.named(.getPageUnlessZero, page)
        w.actors[a].flags.insert(.holdsRef)
        go(&w, c, .waitUnlock)
      } else {
        fx.named(.getPageUnlessZeroFailed, page)
        go(&w, c, .numaUnlockOut)
      }
    case .waitUnlock:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
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
      fx.named(w.peekFrame(page).refcount == 1 ? .putPageFrees : .putPage, page)
      w.putPage(page, &fx)
      w.actors[a].flags.remove(.holdsRef)
      w.faultReturns(c, self)

    // clear_pmdnuma: pmd_modify(pmd, vma->vm_page_prot), pmd_mkyoung, set_pmd_at, unlock_page.
    case .numaEarlyUnlockPage:
      fx.named(.unlockPage, page)
      w.unlockPage(page, &fx)
      w.actors[a].flags.remove(.pageLocked)
      go(&w, c, .numaClear)
    case .numaClear:
      let locked = w.actors[a].flags.contains(.pageLocked)
      if features.contains(.lockedHintClear) && !locked { fx.fail(.kernelBug, .notLocked) }
      clearHint(&w, c, value: w.actors[a].orig.with(.present).mkyoung(), page: page, &fx)
      go(&w, c, locked ? .numaClearUnlockPage : .numaUnlockOut)
    case .numaClearUnlockPage:
      fx.named(.unlockPage, page)
      w.unlockPage(page, &fx)
      w.actors[a].flags.remove(.pageLocked)
      go(&w, c, .numaUnlockOut)
    case .numaUnlockOut:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      w.faultReturns(c, self)

    // Misplaced: get_page, drop the ptl for the anon_vma lock, re-check the PMD.
    case .numaGetPage:
      fx.named(.getPage, page)
      w.getPage(page, &fx)
      w.actors[a].flags.insert(.holdsRef)
      go(&w, c, .numaUnlockForAV)
    case .numaUnlockForAV:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      go(&w, c, .numaAnonVma)
    case .numaAnonVma:
      fx.named(.pageLockAnonVmaRead, page)
      w.addAnonVmaReader(1)
      w.actors[a].flags.insert(.anonVma)
      go(&w, c, .numaRelock)
    case .numaRelock:
      fx.named(.pmdLock)
      w.pmdLock(a)
      go(&w, c, .numaSameAgain)
    case .numaSameAgain:
      w.validated(a)
      if w.pmd == w.actors[a].orig {
        fx.named(.pmdSame)
        go(&w, c, .numaFlushPending)
      } else {
        fx.named(.pmdSameChanged)
        go(&w, c, .numaRaceUnlockPage)
      }
    case .numaRaceUnlockPage:
      fx.named(.unlockPage, page)
      w.unlockPage(page, &fx)
      w.actors[a].flags.remove(.pageLocked)
      go(&w, c, .numaRacePutPage)
    case .numaRacePutPage:
      fx.named(.putPage, page)
      w.putPage(page, &fx)
      w.actors[a].flags.remove(.holdsRef)
      go(&w, c, .numaUnlockThenAV)
    case .numaUnlockThenAV:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      go(&w, c, .numaAVUnlock)
    case .numaAVUnlock:
      fx.named(.pageUnlockAnonVmaRead)
      if w.actors[a].flags.contains(.anonVma) { w.addAnonVmaReader(-1) }
      w.actors[a].flags.remove(.anonVma)
      w.faultReturns(c, self)

    // Under the ptl: if (mm_tlb_flush_pending(mm)) { flush_tlb_range(); and, since
    // 7066f0f933a1, mmu_notifier_invalidate_range(); } then call the migrator.
    case .numaFlushPending:
      if w.flushPending > 0 {
        fx.named(.mmTlbFlushPending)
        go(&w, c, .numaFlush)
      } else {
        fx.named(.mmTlbFlushNotPending)
        go(&w, c, .numaUnlockMigrate)
      }
    case .numaFlush:
      fx.named(.flushTlbRange)
      w.flushCPUTLBs()
      fx.transition = .drop(.cpus)
      go(&w, c, features.contains(.faultPathInvalidate) ? .numaInvalidate : .numaUnlockMigrate)
    case .numaInvalidate:
      fx.named(.mmuNotifierInvalidateRange)
      w.invalidateDevice()
      fx.transition = .drop(AgentSet(.device))
      go(&w, c, .numaUnlockMigrate)
    case .numaUnlockMigrate:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      go(&w, c, features.contains(.ratelimit) ? .migRatelimit : .migAlloc)

    // Before 3f926ab945b6 a failed migration returned with the marker set and the page
    // unlocked; the caller re-took the ptl and cleared it after a pmd_same check.
    case .checkSameLock:
      fx.named(.pmdLock)
      w.pmdLock(a)
      go(&w, c, .checkSame)
    case .checkSame:
      w.validated(a)
      if w.pmd == w.actors[a].orig {
        fx.named(.pmdSame)
        go(&w, c, .checkSameClear)
      } else {
        fx.named(.pmdSameChanged)
        go(&w, c, .numaUnlockThenAV)
      }
    case .checkSameClear:
      clearHint(&w, c, value: w.actors[a].orig.with(.present).mkyoung(), page: w.pmd.frame, &fx)
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
  func clearHint(_ w: inout World, _ c: Ctx, value: PMD, page: Int, _ fx: inout Fx) {
    fx.named(.setPmdAt, page)
    fx.value = value.raw
    if !w.actors[c.a].flags.contains(.pageLocked) { fx.rules.insert(.hintClearedWithoutPageLock) }
    w.writePMD(value, by: c.a, &fx)
    fx.transition = .plain(.clearHinting)
  }
}
