import THPSpec

// do_huge_pmd_numa_page, v3.13. Entered from
// __handle_mm_fault with orig_pmd, the fault entry's second read of the PMD.

extension Linux3_13 {
  func fault(_ label: L, _ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    let a = c.a
    let page = w.actors[a].pageFrame
    switch label {
    // ptl = pmd_lock(mm, pmdp); if (unlikely(!pmd_same(pmd, *pmdp))) goto out_unlock;
    case .numaLock:
      w.pmd_lock(c, &fx)
      go(&w, c, .numaSame)
    case .numaSame:
      if w.pmd_same(c, &fx) {
        // page = pmd_page(pmd) (the locals are set here).
        w.actors[a].page = UInt8(w.actors[a].orig.frame)
        go(&w, c, isRelease ? .numaTransMigrating : .numaTrylock)
      } else {
        go(&w, c, .numaUnlockOut)
      }

    // v3.13 (de466bd628e8): if (pmd_trans_migrating(*pmdp)) { spin_unlock(ptl);
    // wait_migrate_huge_page(anon_vma, pmdp); goto out; } — no reference is taken. Under the
    // ptl the PMD still maps the frame pmd_same found: the one access is the page-flag read.
    case .numaTransMigrating:
      if w.pageLocked(page, &fx) {
        fx.named(.pmdTransMigrating, page)
        go(&w, c, .tmUnlock)
      } else {
        fx.named(.pmdNotTransMigrating, page)
        go(&w, c, .numaTrylock)
      }
    case .tmUnlock:
      w.spin_unlock(c, &fx)
      go(&w, c, .tmReread)
    case .tmReread:
      // wait_migrate_huge_page re-reads *pmdp outside the lock to find the page to wait on.
      let pmd = w.pmd
      if pmd.isNone {
        // pmd_page of an empty PMD is an unrelated page: the wait returns at once.
        fx.named(era: S.waitMigrateHugePageNone.rawValue)
        w.faultReturns(c, self)
      } else {
        fx.named(era: S.waitMigrateHugePage.rawValue, pmd.frame)
        w.actors[a].page = UInt8(pmd.frame)
        go(&w, c, .waitSleep)
      }

    // page_locked = trylock_page(page); target_nid = mpol_misplaced(page, vma, haddr);
    case .numaTrylock:
      _ = w.trylock_page(page, c, &fx)
      go(&w, c, .numaMisplaced)
    case .numaMisplaced:
      let locked = w.actors[a].flags.contains(.pageLocked)
      misplaced(&w, c, choice: choice, page, &fx)
      switch variant {
      case .rc1:
        // -1: clear_pmdnuma if locked, else wait; misplaced: get_page, then lock_page.
        if choice == 1 {
          go(&w, c, locked ? .numaClear : .waitUnlock)
        } else {
          go(&w, c, .numaGetPage)
        }
      case .release:
        // -1 && locked: clear_pmdnuma; !locked: wait (2b4847e73004: no lock_page any more).
        if !locked {
          go(&w, c, .waitUnlock)
        } else {
          go(&w, c, choice == 1 ? .numaClear : .numaGetPage)
        }
      }

    // if (!page_locked) { spin_unlock(ptl); wait_on_page_locked(page); page_nid = -1; goto out; }
    // The waiter holds no reference on the page (seed 001).
    case .waitUnlock:
      w.spin_unlock(c, &fx)
      go(&w, c, .waitSleep)
    case .waitSleep:
      fx.rules.insert(.sleepWithoutReference)
      if w.queueOnPageLock(page, &fx) {
        fx.named(.waitOnPageLockedSleeps, page)
        w.actors[a].flags.insert(.sleeping)
        go(&w, c, .waitWoken)
      } else {
        fx.named(.waitOnPageLocked, page)
        w.faultReturns(c, self)
      }
    case .waitWoken:
      // wait_on_page_bit re-tests PG_locked after every wake-up.
      fx.named(.wokenUp, page)
      w.touch(page, &fx)
      w.actors[a].flags.remove(.sleeping)
      w.faultReturns(c, self)

    // clear_pmdnuma: BUG_ON(!PageLocked(page)); pmd = pmd_mknonnuma(pmd); set_pmd_at();
    // update_mmu_cache_pmd(); unlock_page(page) — after the PMD is written (3f926ab945b6). The
    // BUG_ON tests this actor's own lock, which nobody else can release.
    case .numaClear:
      if !w.actors[a].flags.contains(.pageLocked) { fx.fail(.kernelBug, .notLocked) }
      clearHint(&w, c, value: mknonnuma(w.actors[a].orig), page: page, &fx)
      go(&w, c, .numaClearUnlockPage)
    case .numaClearUnlockPage:
      w.unlock_page(page, c, &fx)
      go(&w, c, .numaUnlockOut)
    // out_unlock: spin_unlock(ptl); out: (no anon_vma on these paths)
    case .numaUnlockOut:
      w.spin_unlock(c, &fx)
      w.faultReturns(c, self)

    // Misplaced: get_page(page); spin_unlock(ptl); [.rc1: if (!page_locked) lock_page(page);]
    // anon_vma = page_lock_anon_vma_read(page); spin_lock(ptl); pmd_same again.
    case .numaGetPage:
      w.get_page(page, c, &fx)
      go(&w, c, .numaUnlockForAV)
    case .numaUnlockForAV:
      w.spin_unlock(c, &fx)
      let locked = w.actors[a].flags.contains(.pageLocked)
      go(&w, c, !isRelease && !locked ? .numaLockPage : .numaAnonVma)
    case .numaLockPage:
      // A sleeping lock_page, with the reference just taken: it runs once the page is unlocked.
      fx.named(.lockPage, page)
      if !w.trylockPage(page, &fx) { fx.fail(.kernelBug, .notLocked) }
      w.actors[a].flags.insert(.pageLocked)
      go(&w, c, .numaAnonVma)
    case .numaAnonVma:
      fx.named(.pageLockAnonVmaRead, page)
      w.touch(page, &fx)
      w.addAnonVmaReader(1)
      w.actors[a].flags.insert(.anonVma)
      go(&w, c, .numaRelock)
    case .numaRelock:
      w.pmd_lock(c, &fx)
      go(&w, c, .numaSameAgain)
    case .numaSameAgain:
      go(&w, c, w.pmd_same(c, &fx) ? .numaUnlockMigrate : .numaRaceUnlockPage)
    case .numaRaceUnlockPage:
      w.unlock_page(page, c, &fx)
      go(&w, c, .numaRacePutPage)
    case .numaRacePutPage:
      w.put_page(page, c, &fx)
      go(&w, c, .numaUnlockThenAV)
    case .numaUnlockThenAV:
      w.spin_unlock(c, &fx)
      go(&w, c, .numaAVUnlock)
    // out: if (anon_vma) page_unlock_anon_vma_read(anon_vma);
    case .numaAVUnlock:
      fx.named(.pageUnlockAnonVmaRead)
      if w.actors[a].flags.contains(.anonVma) { w.addAnonVmaReader(-1) }
      w.actors[a].flags.remove(.anonVma)
      w.faultReturns(c, self)

    // spin_unlock(ptl); migrated = migrate_misplaced_transhuge_page(...) — "returns with page
    // unlocked and pmd_numa cleared".
    case .numaUnlockMigrate:
      w.spin_unlock(c, &fx)
      go(&w, c, .migRatelimit)
    default: break
    }
  }

  /// `set_pmd_at` of an accessible value over a NUMA-marked PMD, with the rule that only the
  /// page-lock holder may do it. A write that finds the PMD no longer NUMA-marked (only the
  /// unguarded `out_dropref` of .rc1 can) claims no action: the checker judges what it did.
  func clearHint(
    _ w: inout World, _ c: Ctx, value: PMD, page: Int, _ fx: inout Fx,
    _ name: KStep = .clearPmdnumaSet
  ) {
    if !w.actors[c.a].flags.contains(.pageLocked) { fx.rules.insert(.hintClearedWithoutPageLock) }
    let wasHinting = logicalHinting(w)
    w.set_pmd_at(value, c, &fx, name, frame: page)
    fx.transition = wasHinting ? .plain(.clearHinting) : nil
  }

  /// Whether the PMD, as the user sees it, is NUMA-marked (for the spec label: records
  /// nothing).
  func logicalHinting(_ w: World) -> Bool {
    for i in 0..<Int(w.actorCount) where w.actors[i].flags.contains(.holdsClearedPMD) {
      return w.actors[i].stash.kind == .hinting
    }
    return w.peekPMD.kind == .hinting
  }

  /// `pmd_mknonnuma` (v3.8–v3.19): clears `_PAGE_NUMA`, sets `_PAGE_PRESENT | _PAGE_ACCESSED`.
  func mknonnuma(_ p: PMD) -> PMD { p.with(.present).mkyoung() }
}
