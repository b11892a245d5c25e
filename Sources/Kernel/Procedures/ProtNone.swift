import THPSpec

/// Labels of the procedures v4.x and v5.14 share, written once (v4.0+: the protnone scanner
/// with `pmdp_invalidate`, generic slow and fast GUP). v5.14 adds the PMD migration entry to
/// each; the rest is the same kernel code.
enum ProtNone: UInt8 {
  // change_prot_numa → change_protection_range → change_pmd_range → change_huge_pmd
  case scanStart = 24
  case scanCheck, scanLock, scanCheckHuge, scanDowngrade, scanInvalidate, scanFlushPmd
  case scanSetPmd, scanUnlock, scanNotifierEnd, scanFlush, scanDec
  // get_user_pages(FOLL_WRITE | FOLL_NUMA) → follow_pmd_mask → follow_trans_huge_pmd
  case gupFollow, gupLock, gupFollowLocked, gupUnlock, gupUnlockFault
  // get_user_pages_fast → gup_pmd_range → gup_huge_pmd
  case gupfIrqOff, gupfRead, gupfSpeculative, gupfRecheck, gupfDrop, gupfBail, gupfIrqOn

  /// Where each role's operation starts.
  static func entry(for role: Role) -> UInt8? {
    switch role {
    case .scanner: ProtNone.scanStart.rawValue
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
  /// GUP waits on one).
  var migrationEntries: Bool
  /// `2b4847e73004`'s locked FOLL_NUMA test in `follow_trans_huge_pmd` (seed 003).
  var follNumaLocked: Bool
  /// Whether a GUP pin on a page isolated for migration breaks the kernel's rule (before v5.14,
  /// where the count check after unmap catches such a pin by design).
  var pinWhileIsolatedRule: Bool
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

  // MARK: change_prot_numa → change_huge_pmd (reference §1.c "change_huge_pmd / scanner")

  static func scan(
    _ label: ProtNone, _ w: inout World, _ c: Ctx, _ o: ProtNoneOptions, _ fx: inout Fx
  ) {
    let a = c.a
    switch label {
    case .scanStart:
      fx.named(.incTlbFlushPending)
      w.updateFlushPending { $0 += 1 }
      w.go(a, ProtNone.scanCheck.rawValue)
    case .scanCheck:
      // change_pmd_range: an empty PMD is skipped without a notifier range; a populated one
      // (a migration entry included) starts the range first.
      if w.pmd.isNone {
        fx.named(.changePmdRangeNone)
        w.go(a, ProtNone.scanDec.rawValue)
      } else {
        fx.named(.invalidateRangeStart)
        w.go(a, ProtNone.scanLock.rawValue)
      }
    case .scanLock:
      fx.named(.pmdLockHuge)
      w.pmdLock(a)
      w.go(a, ProtNone.scanCheckHuge.rawValue)
    case .scanCheckHuge:
      w.validated(a)
      let pmd = w.pmd
      switch pmd.kind {
      case .none:
        fx.named(.pmdLockNotHuge)
        w.go(a, ProtNone.scanUnlock.rawValue)
      case .migration where o.migrationEntries:
        // is_swap_pmd (§1.c step 3): a write migration entry is made read-only; else skip.
        if pmd.dirty {
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
      // The model's PMD has no write bit: a migration entry's dirty bit stands for "writable".
      let entry = PMD(.migration, frame: w.pmd.frame, young: false, dirty: false)
      fx.named(.downgradeMigrationEntry, entry.frame)
      fx.value = entry.raw
      w.writePMD(entry, by: a, &fx)
      w.go(a, ProtNone.scanUnlock.rawValue)
    // entry = pmdp_invalidate(): not present, the old value (young/dirty) kept in `entry`.
    case .scanInvalidate:
      fx.named(.pmdpInvalidate, w.pmd.frame)
      w.actors[a].stash = w.pmd
      w.actors[a].flags.insert(.holdsClearedPMD)
      w.writePMD(w.pmd.with(.invalid), by: a, &fx)
      w.go(a, ProtNone.scanFlushPmd.rawValue)
    case .scanFlushPmd:
      fx.named(.flushPmdTlbRange)
      w.flushCPUTLBs()
      fx.transition = .drop(.cpus)
      w.go(a, ProtNone.scanSetPmd.rawValue)
    // entry = pmd_modify(entry, PAGE_NONE); set_pmd_at(): NUMA hinting armed.
    case .scanSetPmd:
      let entry = w.actors[a].stash.with(.hinting)
      fx.named(.setPmdAt, entry.frame)
      fx.value = entry.raw
      w.writePMD(entry, by: a, &fx)
      w.actors[a].flags.remove(.holdsClearedPMD)
      w.actors[a].flags.insert(.changed)
      fx.transition = .plain(.armHinting)
      w.go(a, ProtNone.scanUnlock.rawValue)
    case .scanUnlock:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      w.go(a, ProtNone.scanNotifierEnd.rawValue)
    // mmu_notifier_invalidate_range_end → ->invalidate_range: the device learns only now,
    // after the ptl was dropped (the root of seed 004).
    case .scanNotifierEnd:
      fx.named(.invalidateRangeEnd)
      w.invalidateDevice()
      fx.transition = .drop(AgentSet(.device))
      let next: ProtNone = w.actors[a].flags.contains(.changed) ? .scanFlush : .scanDec
      w.go(a, next.rawValue)
    // The deferred flush_tlb_range of change_protection_range.
    case .scanFlush:
      fx.named(.flushTlbRange)
      w.flushCPUTLBs()
      fx.transition = .drop(.cpus)
      w.go(a, ProtNone.scanDec.rawValue)
    case .scanDec:
      fx.named(.decTlbFlushPending)
      w.updateFlushPending { $0 -= 1 }
      w.actors[a].flags.remove(.changed)
      w.opDone(c)
    default: break
    }
  }

  // MARK: get_user_pages and get_user_pages_fast (reference §1.c "follow / GUP", §1.e)

  static func gup(
    _ label: ProtNone, _ w: inout World, _ c: Ctx, _ era: some Era, _ o: ProtNoneOptions,
    _ fx: inout Fx
  ) {
    let a = c.a
    switch label {
    // follow_pmd_mask: unlocked READ_ONCE(*pmd).
    case .gupFollow:
      let pmd = w.pmd
      w.actors[a].orig = pmd
      switch pmd.kind {
      case .none:
        fx.named(.followPmdNone)
        _ = w.enterFault(c, at: Shared.anonAlloc.rawValue)
      case .hinting:
        // The unlocked FOLL_NUMA test, there since v3.8.
        fx.named(.followPmdNuma, pmd.frame)
        _ = w.enterFault(c, at: era.numaFaultEntry)
      case .migration:
        // No FOLL_MIGRATION: handle_mm_fault waits in pmd_migration_entry_wait, then retry.
        fx.named(.followMigration, pmd.frame)
        _ = w.enterFault(c, at: era.migrationWaitEntry)
      default:
        // pmd_trans_huge (an invalidated PMD keeps _PAGE_PSE): take the lock.
        fx.named(.followPmdHuge, pmd.frame)
        w.go(a, ProtNone.gupLock.rawValue)
      }
      if w.pc(a) == Shared.gaveUp.rawValue { fx.named(.gaveUp) }
    case .gupLock:
      fx.named(.pmdLock)
      w.pmdLock(a)
      w.go(a, ProtNone.gupFollowLocked.rawValue)
    // Under the ptl: pmd_none → fault; !pmd_present (a migration entry) → fault (wait);
    // follow_trans_huge_pmd: FOLL_NUMA && pmd_protnone → fault; else FOLL_TOUCH and get_page.
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
      } else if pmd.kind == .hinting && o.follNumaLocked {
        // 2b4847e73004: "Full NUMA hinting faults to serialise migration in fault paths".
        fx.named(.followTransHugePmdNuma, pmd.frame)
        w.go(a, ProtNone.gupUnlockFault.rawValue)
      } else {
        let f = pmd.frame
        fx.named(.followTransHugePmdGet, f)
        w.getPage(f, &fx)
        if o.pinWhileIsolatedRule && w.peekFrame(f).flags.contains(.isolated) {
          fx.rules.insert(.pinWhileIsolated)
        }
        // FOLL_TOUCH: touch_pmd marks the entry young and dirty.
        w.writePMD(pmd.mkyoung().mkdirty(), by: a, &fx)
        w.actors[a].page = UInt8(f)
        w.actors[a].flags.insert(.pinned)
        fx.transition = .pin(c.role.agent ?? .gupSlow)
        w.go(a, ProtNone.gupUnlock.rawValue)
      }
    case .gupUnlock:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      w.go(a, .dmaWrite)
    case .gupUnlockFault:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      let target: UInt8
      switch w.actors[a].orig.kind {
      case .none: target = Shared.anonAlloc.rawValue
      case .migration: target = era.migrationWaitEntry
      default: target = era.numaFaultEntry
      }
      if !w.enterFault(c, at: target) { fx.named(.gaveUp) }

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
        fx.transition = .pin(c.role.agent ?? .gupSlow)
        w.go(a, ProtNone.gupfIrqOn.rawValue)
      } else {
        fx.named(.gupRecheckFailed, f)
        w.go(a, ProtNone.gupfDrop.rawValue)
      }
    case .gupfDrop:
      let f = w.actors[a].pageFrame
      fx.named(.putPage, f)
      w.putPage(f, &fx)
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
