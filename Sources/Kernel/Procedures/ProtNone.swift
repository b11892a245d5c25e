import THPSpec

/// Labels of the procedures v4.x and v5.14 share, written once (v4.0+: the protnone scanner
/// with `pmdp_invalidate`, generic slow and fast GUP). v5.14 adds the PMD migration entry to
/// each; the rest is the same kernel code, with the differences in ``ProtNoneOptions``.
enum ProtNone: UInt16 {
  // change_prot_numa → change_protection_range → change_pmd_range → change_huge_pmd
  case scanStart = 40
  case scanCheckSwap, scanCheck, scanFallNone, scanFallBad, scanAtomic, scanClearBad
  case scanNotifierStart, scanHugeSwap, scanHuge, scanLock, scanLockedCheck, scanDowngrade
  case scanInvalidate, scanFlushPmd, scanSetPmd, scanUnlock, scanNotifierEnd, scanFlush, scanDec
  // get_user_pages(FOLL_WRITE | FOLL_NUMA) → follow_pmd_mask → follow_trans_huge_pmd
  case gupFollow, gupLock, gupFollowLocked, gupTouch, gupGet, gupUnlock, gupUnlockFault
  // get_user_pages_fast → gup_pmd_range → gup_huge_pmd
  case gupfIrqOff, gupfRead, gupfSpeculative, gupfRecheck, gupfDrop, gupfBail, gupfIrqOn

  /// Where each role's operation starts.
  static func entry(for role: Role) -> UInt16? {
    switch role {
    case .scanner, .scanner2: ProtNone.scanStart.rawValue
    case .gupSlow: ProtNone.gupFollow.rawValue
    case .gupFast: ProtNone.gupfIrqOff.rawValue
    default: nil
    }
  }

  /// What the step at this label waits for.
  var wait: Wait {
    switch self {
    case .scanLock, .gupLock: .ptl
    case .scanFlushPmd, .scanFlush: .ipi
    default: .nothing
    }
  }
}

/// What distinguishes an era's copy of the shared v4.0+ procedures.
struct ProtNoneOptions: Sendable, Hashable {
  /// v5.14: PMD migration entries exist (the scanner downgrades a write entry, zap clears one,
  /// GUP waits on one), and `change_pmd_range` has 8b272b3cbbb5's atomic read.
  var migrationEntries: Bool
  /// `2b4847e73004`'s locked FOLL_NUMA test in `follow_trans_huge_pmd` (seed 003).
  var follNumaLocked: Bool
  /// Whether a GUP pin on a page isolated for migration breaks the kernel's rule (before v5.14,
  /// where the count check after unmap catches such a pin by design).
  var pinWhileIsolatedRule: Bool
  /// v4.16+ (d52605d7cb30): `pmdp_invalidate` is one atomic exchange; before, a read and a plain
  /// store, between which an accessed or dirty bit the MMU sets is lost.
  var atomicInvalidate: Bool
  /// v5.14: `follow_trans_huge_pmd` takes its reference (`try_grab_page`) before `touch_pmd`;
  /// v4.x touches first.
  var grabBeforeTouch: Bool
  /// A mutant for the tests: FOLL_FORCE honours NUMA hinting as FOLL_NUMA GUP does.
  var forceHonoursNuma: Bool = false
}

/// The shared v4.0+ procedures.
enum ProtNoneProcedures {
  static func step(
    _ label: ProtNone, _ w: inout World, _ c: Ctx, era: some Era, _ o: ProtNoneOptions,
    _ fx: inout Fx
  ) {
    switch label.rawValue {
    case ProtNone.scanStart.rawValue..<ProtNone.gupFollow.rawValue: scan(label, &w, c, o, &fx)
    default: gup(label, &w, c, era, o, &fx)
    }
  }

  /// Whether `pmd_trans_huge` holds: present, protnone or invalidated huge PMDs keep _PAGE_PSE.
  static func transHuge(_ p: PMD) -> Bool {
    p.kind == .present || p.kind == .hinting || p.kind == .invalid
  }

  // MARK: change_prot_numa → change_huge_pmd

  static func scan(
    _ label: ProtNone, _ w: inout World, _ c: Ctx, _ o: ProtNoneOptions, _ fx: inout Fx
  ) {
    let a = c.a
    /// The walk of the one PMD is over: end the notifier range if one started, then flush.
    func walkDone() {
      let next: ProtNone =
        w.actors[a].flags.contains(.rangeStarted)
        ? .scanNotifierEnd : w.actors[a].flags.contains(.changed) ? .scanFlush : .scanDec
      w.go(a, next.rawValue)
    }
    switch label {
    // change_protection_range: inc_tlb_flush_pending(mm).
    case .scanStart:
      fx.named(.incTlbFlushPending)
      w.updateFlushPending { $0 += 1 }
      w.go(a, (o.migrationEntries ? ProtNone.scanCheckSwap : .scanCheck).rawValue)

    // change_pmd_range v4.x: `if (!is_swap_pmd(*pmd) && !pmd_trans_huge(*pmd) &&
    // !pmd_devmap(*pmd) && pmd_none_or_clear_bad(pmd)) goto next;` — is_swap_pmd and
    // pmd_devmap are false for every value the PMD takes before v5.14, so not steps; the
    // others are three reads, and the last can clear a PMD that became huge since the first
    // (the race 8b272b3cbbb5 fixed).
    case .scanCheck:
      let pmd = w.pmd
      if transHuge(pmd) {
        fx.named(.changePmdRangeHuge, pmd.frame)
        w.go(a, ProtNone.scanNotifierStart.rawValue)
      } else {
        fx.named(.changePmdRangeNotHuge)
        w.go(a, ProtNone.scanFallNone.rawValue)
      }
    case .scanFallNone:
      let pmd = w.pmd
      if pmd.isNone {
        fx.named(.changePmdRangeNone)
        walkDone()
      } else {
        fx.named(.pmdNoneOrClearBadNotNone, pmd.frame)
        w.go(a, ProtNone.scanFallBad.rawValue)
      }
    case .scanFallBad:
      let pmd = w.pmd
      if pmd.mapsFrame {
        // x86 pmd_bad: any huge value (present, protnone, invalidated, a migration entry).
        fx.named(.pmdBad, pmd.frame)
        w.go(a, ProtNone.scanClearBad.rawValue)
      } else {
        fx.named(.pmdNotBad)
        w.go(a, ProtNone.scanNotifierStart.rawValue)
      }
    // v5.14: is_swap_pmd(*pmd), then (pmd_devmap: not a step) 8b272b3cbbb5's
    // pmd_none_or_clear_bad_unless_trans_huge: one atomic read — none: skip; huge: go on; a
    // migration entry that appeared since the first read is "bad" and cleared (the race
    // 670ddd8cdcbd1 removed in v6.5).
    case .scanCheckSwap:
      let pmd = w.pmd
      if pmd.kind == .migration {
        fx.named(.changePmdRangeSwap, pmd.frame)
        w.go(a, ProtNone.scanNotifierStart.rawValue)
      } else {
        fx.named(.changePmdRangeNotSwap, pmd.isNone ? -1 : pmd.frame)
        w.go(a, ProtNone.scanAtomic.rawValue)
      }
    case .scanAtomic:
      let pmd = w.pmd
      if pmd.isNone {
        fx.named(.changePmdRangeNone)
        walkDone()
      } else if transHuge(pmd) {
        fx.named(.changePmdRangeHuge, pmd.frame)
        w.go(a, ProtNone.scanNotifierStart.rawValue)
      } else {
        fx.named(.pmdBad, pmd.frame)
        w.go(a, ProtNone.scanClearBad.rawValue)
      }
    // pmd_clear_bad: pmd_ERROR (a message) and pmd_clear: a plain store of 0, with no lock, no
    // rmap or reference change and no TLB flush.
    case .scanClearBad:
      let f = w.peekPMD.frame
      fx.named(.pmdClearBad, f)
      w.writePMD(.none, by: a, &fx)
      walkDone()

    // The lazy mmu_notifier_invalidate_range_start before the first populated PMD (nothing
    // for a device that only implements ->invalidate_range).
    case .scanNotifierStart:
      fx.named(.invalidateRangeStart)
      w.actors[a].flags.insert(.rangeStarted)
      w.go(a, (o.migrationEntries ? ProtNone.scanHugeSwap : .scanHuge).rawValue)
    // `if (is_swap_pmd(*pmd) || pmd_trans_huge(*pmd) || pmd_devmap(*pmd))` → change_huge_pmd;
    // else change_pte_range, whose pmd_trans_unstable skips any value the PMD can take here.
    case .scanHugeSwap:
      let pmd = w.pmd
      if pmd.kind == .migration {
        fx.named(.changePmdRangeSwap, pmd.frame)
        w.go(a, ProtNone.scanLock.rawValue)
      } else {
        fx.named(.changePmdRangeNotSwap, pmd.isNone ? -1 : pmd.frame)
        w.go(a, ProtNone.scanHuge.rawValue)
      }
    case .scanHuge:
      let pmd = w.pmd
      if transHuge(pmd) {
        fx.named(.changePmdRangeHuge, pmd.frame)
        w.go(a, ProtNone.scanLock.rawValue)
      } else {
        fx.named(.changePteRangeUnstable)
        walkDone()
      }
    case .scanLock:
      w.pmd_lock(c, &fx, .pmdLockHuge)
      w.go(a, ProtNone.scanLockedCheck.rawValue)
    // Under the ptl: __pmd_trans_huge_lock's test, then change_huge_pmd's tests (pmd_write,
    // is_swap_pmd, is_huge_zero_pmd, pmd_protnone) and `entry = *pmd`: several reads of a value
    // only the MMU's accessed/dirty updates can change, which none of the tests looks at.
    case .scanLockedCheck:
      w.validated(a)
      let pmd = w.pmd
      w.actors[a].stash = pmd
      switch pmd.kind {
      case .none:
        fx.named(.pmdLockNotHuge)
        w.go(a, ProtNone.scanUnlock.rawValue)
      case .migration where o.migrationEntries:
        // A write migration entry is made readable; a readable one is left.
        if pmd.write {
          fx.named(.pmdSame, pmd.frame)
          w.go(a, ProtNone.scanDowngrade.rawValue)
        } else {
          fx.named(.migrationEntrySkip, pmd.frame)
          w.go(a, ProtNone.scanUnlock.rawValue)
        }
      case .hinting:
        fx.named(.changeHugePmdSkip, pmd.frame)
        w.go(a, ProtNone.scanUnlock.rawValue)
      default:
        fx.named(.pmdSame, pmd.frame)
        w.go(a, ProtNone.scanInvalidate.rawValue)
      }
    // make_readable_migration_entry; set_pmd_at(): still a migration entry (no flush due).
    case .scanDowngrade:
      let entry = PMD(.migration, frame: w.actors[a].stash.frame, young: false, dirty: false, write: false)
      w.set_pmd_at(entry, c, &fx, .downgradeMigrationEntry)
      w.go(a, ProtNone.scanUnlock.rawValue)
    // entry = pmdp_invalidate(): not present, the old value (young/dirty) kept in `entry`.
    case .scanInvalidate:
      if o.atomicInvalidate {
        let old = w.exchangePMD(w.actors[a].stash.with(.invalid))
        w.checkPMDWriteRules(by: a, &fx)
        w.actors[a].stash = old
      } else {
        // v4.14: pmdp_invalidate stores pmd_mknotpresent of the value it read: a bit the MMU
        // set since is lost (d52605d7cb30); change_huge_pmd then takes dirty/young from the
        // invalidated value.
        w.writePMD(w.actors[a].stash.with(.invalid), by: a, &fx)
      }
      fx.named(.pmdpInvalidate, w.actors[a].stash.frame)
      w.actors[a].flags.insert(.holdsClearedPMD)
      w.go(a, ProtNone.scanFlushPmd.rawValue)
    case .scanFlushPmd:
      w.flush_tlb_range(c, &fx, .flushPmdTlbRange)
      w.go(a, ProtNone.scanSetPmd.rawValue)
    // entry = pmd_modify(entry, PAGE_NONE); set_pmd_at(): NUMA hinting armed.
    case .scanSetPmd:
      let entry = w.actors[a].stash.with(.hinting)
      w.set_pmd_at(entry, c, &fx)
      w.actors[a].flags.remove(.holdsClearedPMD)
      w.actors[a].flags.insert(.changed)
      fx.transition = .plain(.armHinting)
      w.go(a, ProtNone.scanUnlock.rawValue)
    case .scanUnlock:
      w.spin_unlock(c, &fx)
      walkDone()
    // mmu_notifier_invalidate_range_end → ->invalidate_range: the device learns only now,
    // after the ptl was dropped (the root of seed 004).
    case .scanNotifierEnd:
      w.invalidate_secondary(c, &fx, .invalidateRangeEnd)
      w.actors[a].flags.remove(.rangeStarted)
      let next: ProtNone = w.actors[a].flags.contains(.changed) ? .scanFlush : .scanDec
      w.go(a, next.rawValue)
    // The deferred flush_tlb_range of change_protection_range.
    case .scanFlush:
      w.flush_tlb_range(c, &fx)
      w.go(a, ProtNone.scanDec.rawValue)
    case .scanDec:
      fx.named(.decTlbFlushPending)
      w.updateFlushPending { $0 -= 1 }
      w.actors[a].flags.remove(.changed)
      w.opDone(c)
    default: break
    }
  }

  // MARK: get_user_pages and get_user_pages_fast

  static func gup(
    _ label: ProtNone, _ w: inout World, _ c: Ctx, _ era: some Era, _ o: ProtNoneOptions,
    _ fx: inout Fx
  ) {
    let a = c.a
    func fault() {
      if !w.enterFault(c, at: FaultEntry.pmdNone.rawValue) { fx.named(.gaveUp) }
    }
    switch label {
    // follow_pmd_mask: the unlocked tests of the PMD (v4.18+ one READ_ONCE; v4.14 several
    // plain reads, every outcome of which either falls back to the fault path or takes the ptl
    // and tests again).
    case .gupFollow:
      let pmd = w.pmd
      w.actors[a].orig = pmd
      switch pmd.kind {
      case .none:
        fx.named(.followPmdNone)
        fault()
      case .hinting where !c.follForce(w) || o.forceHonoursNuma:
        // The unlocked FOLL_NUMA test, there since v3.8 (FOLL_FORCE has no FOLL_NUMA: a
        // protnone PMD is pmd_present and pmd_trans_huge on x86, so it takes the lock below).
        fx.named(.followPmdNuma, pmd.frame)
        fault()
      case .migration:
        // !pmd_present without FOLL_MIGRATION: no_page_table; the fault waits on the entry.
        fx.named(.followMigration, pmd.frame)
        fault()
      default:
        // pmd_trans_huge (an invalidated PMD keeps _PAGE_PSE): take the lock.
        fx.named(.followPmdHuge, pmd.frame)
        w.go(a, ProtNone.gupLock.rawValue)
      }
    case .gupLock:
      w.pmd_lock(c, &fx)
      w.go(a, ProtNone.gupFollowLocked.rawValue)
    // Under the ptl: pmd_none / !pmd_present → fault; follow_trans_huge_pmd: FOLL_WRITE &&
    // !can_follow_write_pmd → fault (a protnone PMD keeps the write bit: x86's savedwrite is
    // _PAGE_RW; FOLL_COW never applies to a writable mapping); FOLL_NUMA && pmd_protnone →
    // fault; page = pmd_page(*pmd). Several reads of a value only the MMU's accessed/dirty
    // updates can change.
    case .gupFollowLocked:
      w.validated(a)
      let pmd = w.pmd
      w.actors[a].orig = pmd
      if pmd.isNone {
        fx.named(.followPmdNone)
        w.go(a, ProtNone.gupUnlockFault.rawValue)
      } else if pmd.kind == .migration {
        fx.named(.followLockedMigration, pmd.frame)
        w.go(a, ProtNone.gupUnlockFault.rawValue)
      } else if !pmd.write {
        fx.named(.followTransHugePmdReadOnly, pmd.frame)
        w.go(a, ProtNone.gupUnlockFault.rawValue)
      } else if pmd.kind == .hinting && o.follNumaLocked && (!c.follForce(w) || o.forceHonoursNuma) {
        // 2b4847e73004: "Full NUMA hinting faults to serialise migration in fault paths".
        fx.named(.followTransHugePmdNuma, pmd.frame)
        w.go(a, ProtNone.gupUnlockFault.rawValue)
      } else {
        w.follow_trans_huge_pmd(pmd, c, &fx)
        w.go(a, (o.grabBeforeTouch ? ProtNone.gupGet : .gupTouch).rawValue)
      }
    // FOLL_TOUCH: touch_pmd → pmdp_set_access_flags(pmd_mkyoung(pmd_mkdirty(*pmd))): a re-read
    // and, if the bits change, a store.
    case .gupTouch:
      let pmd = w.pmd
      let touched = pmd.mkyoung().mkdirty()
      if touched != pmd {
        w.set_pmd_at(touched, c, &fx, .touchPmd, frame: pmd.frame)
      } else {
        fx.named(.touchPmd, pmd.frame)
        fx.value = pmd.raw
      }
      w.go(a, (o.grabBeforeTouch ? ProtNone.gupUnlock : .gupGet).rawValue)
    // FOLL_GET: get_page (v5.14: try_grab_page): the pin.
    case .gupGet:
      let f = w.actors[a].pageFrame
      fx.named(.followTransHugePmdGet, f)
      w.getPage(f, &fx)
      if o.pinWhileIsolatedRule && w.peekFrame(f).flags.contains(.isolated) {
        fx.rules.insert(.pinWhileIsolated)
      }
      w.actors[a].flags.insert(.pinned)
      fx.transition = .pin(c.agent)
      w.go(a, (o.grabBeforeTouch ? ProtNone.gupTouch : .gupUnlock).rawValue)
    case .gupUnlock:
      w.spin_unlock(c, &fx)
      w.go(a, .dmaWrite)
    case .gupUnlockFault:
      w.spin_unlock(c, &fx)
      fault()

    // get_user_pages_fast: interrupts off, lockless PMD read, speculative reference, re-check.
    case .gupfIrqOff:
      fx.named(.localIrqDisable)
      w.actors[a].flags.insert(.irqsOff)
      w.go(a, ProtNone.gupfRead.rawValue)
    case .gupfRead:
      let pmd = w.pmd
      w.actors[a].orig = pmd
      // pmd_none, !pmd_present (a migration entry), pmd_protnone (2b4847e73004) and, on x86,
      // pmd_access_permitted (no _PAGE_PRESENT) all send a non-present PMD to the slow path.
      if pmd.kind != .present {
        fx.named(.gupPmdBail, pmd.isNone ? -1 : pmd.frame)
        w.go(a, ProtNone.gupfBail.rawValue)
      } else {
        fx.named(.gupPmdHuge, pmd.frame)
        w.actors[a].page = UInt8(pmd.frame)
        w.go(a, ProtNone.gupfSpeculative.rawValue)
      }
    case .gupfSpeculative:
      // page_cache_add_speculative / try_grab_compound_head: fails on a frozen or freed count.
      let f = w.actors[a].pageFrame
      if w.getPageUnlessZero(f) {
        fx.named(.gupSpeculative, f)
        w.go(a, ProtNone.gupfRecheck.rawValue)
      } else {
        fx.named(.gupSpeculativeFailed, f)
        w.actors[a].page = noFrame
        w.go(a, ProtNone.gupfBail.rawValue)
      }
    case .gupfRecheck:
      let f = w.actors[a].pageFrame
      if w.pmd == w.actors[a].orig {
        fx.named(.gupRecheck, f)
        if o.pinWhileIsolatedRule && w.peekFrame(f).flags.contains(.isolated) {
          fx.rules.insert(.pinWhileIsolated)
        }
        w.actors[a].flags.insert(.pinned)
        fx.transition = .pin(c.agent)
        w.go(a, ProtNone.gupfIrqOn.rawValue)
      } else {
        fx.named(.gupRecheckFailed, f)
        w.go(a, ProtNone.gupfDrop.rawValue)
      }
    case .gupfDrop:
      let f = w.actors[a].pageFrame
      w.put_page(f, c, &fx)
      w.actors[a].page = noFrame
      w.go(a, ProtNone.gupfBail.rawValue)
    case .gupfBail:
      // Fall back to get_user_pages for the range.
      fx.named(.localIrqEnable)
      w.actors[a].flags.remove(.irqsOff)
      w.go(a, ProtNone.gupFollow.rawValue)
    case .gupfIrqOn:
      fx.named(.localIrqEnable)
      w.actors[a].flags.remove(.irqsOff)
      w.go(a, .dmaWrite)
    default: break
    }
  }
}
