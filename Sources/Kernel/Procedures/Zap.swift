import THPSpec

/// Labels of MADV_DONTNEED (`madvise_dontneed` → `zap_page_range` → `zap_pmd_range` →
/// `zap_huge_pmd`), written once for every era: notifier start, the unlocked test, the PMD
/// cleared under the ptl, notifier end, then `tlb_finish_mmu` flushes the TLBs and frees the
/// batched page.
enum Zap: UInt8 {
  case start = 56
  case check, lock, clear, unlock, notifierEnd, flush, free

  /// What the step at this label waits for.
  var wait: Wait {
    switch self {
    case .lock: .ptl
    case .flush: .ipi
    default: .nothing
    }
  }
}

/// What distinguishes an era's MADV_DONTNEED.
struct ZapOptions: Sendable, Hashable {
  /// Whether the model has steps for the notifier calls around the walk (the v3.8 model leaves
  /// out these calls, which nothing listens to before v3.19).
  var notifierSteps: Bool
  /// Whether `invalidate_range_end` reaches a device's `->invalidate_range` (v3.19+).
  var invalidateRange: Bool
  /// v5.14: a PMD migration entry is cleared too, with no page to free (its mapping reference
  /// went with `set_pmd_migration_entry`; the isolation reference belongs to the migration).
  var migrationEntries: Bool
  /// Before v4.2 the clear is `pmdp_get_and_clear` (a name only).
  var oldClearName: Bool

  /// Where a MADV_DONTNEED operation starts.
  var entry: UInt8 { (notifierSteps ? Zap.start : Zap.check).rawValue }
}

/// The one MADV_DONTNEED procedure.
enum ZapProcedure {
  static func step(_ label: Zap, _ w: inout World, _ c: Ctx, _ o: ZapOptions, _ fx: inout Fx) {
    let a = c.a
    /// Something was cleared: the TLB flush (and, for a page, its free) is due.
    func cleared() -> Bool {
      o.migrationEntries ? !w.actors[a].orig.isNone : w.actors[a].page != noFrame
    }
    switch label {
    case .start:
      fx.named(.invalidateRangeStart)
      if o.migrationEntries { w.actors[a].orig = .none }
      w.go(a, Zap.check.rawValue)
    case .check:
      // zap_pmd_range's unlocked test: an empty PMD (also one another CPU holds cleared under
      // its ptl) is skipped as already empty.
      if w.pmd.isNone {
        fx.named(.zapPmdNone)
        fx.transition = .plain(.zap)
        if o.notifierSteps { w.go(a, Zap.notifierEnd.rawValue) } else { w.opDone(c) }
      } else {
        fx.named(.zapPmdRangeHuge, w.pmd.frame)
        w.go(a, Zap.lock.rawValue)
      }
    case .lock:
      fx.named(.pmdLockHuge)
      w.pmdLock(a)
      w.go(a, Zap.clear.rawValue)
    // zap_huge_pmd: pmdp_huge_get_and_clear_full; page_remove_rmap; tlb_remove_page (batched).
    case .clear:
      w.validated(a)
      let pmd = w.pmd
      if o.migrationEntries { w.actors[a].orig = pmd }
      if pmd.isNone {
        fx.named(.pmdLockNotHuge)
      } else {
        let f = pmd.frame
        let name: KStep =
          pmd.kind == .migration
          ? .zapMigrationEntry : o.oldClearName ? .zapGetAndClear : .zapHugePmd
        fx.named(name, f)
        w.touch(f, &fx)
        w.markHistory(f, .zapped)
        if pmd.kind != .migration { w.actors[a].page = UInt8(f) }
        w.writePMD(.none, by: a, &fx)
      }
      fx.transition = .plain(.zap)
      w.go(a, Zap.unlock.rawValue)
    case .unlock:
      fx.named(.spinUnlock)
      w.spinUnlock(a)
      if o.notifierSteps {
        w.go(a, Zap.notifierEnd.rawValue)
      } else if cleared() {
        w.go(a, Zap.flush.rawValue)
      } else {
        w.opDone(c)
      }
    case .notifierEnd:
      if o.invalidateRange {
        fx.named(.invalidateRangeEnd)
        w.invalidateDevice()
        fx.transition = .drop(AgentSet(.device))
      } else {
        fx.named(.invalidateRangeEndNoListener)
      }
      if cleared() { w.go(a, Zap.flush.rawValue) } else { w.opDone(c) }
    case .flush:
      fx.named(.tlbFinishMmu)
      w.flushCPUTLBs()
      fx.transition = .drop(.cpus)
      if w.actors[a].page == noFrame {
        w.actors[a].orig = .none
        w.opDone(c)
      } else {
        w.go(a, Zap.free.rawValue)
      }
    case .free:
      let f = w.actors[a].pageFrame
      fx.named(w.peekFrame(f).refcount == 1 ? .putPageFrees : .putPage, f)
      w.putPage(f, &fx)
      w.actors[a].page = noFrame
      if o.migrationEntries { w.actors[a].orig = .none }
      w.opDone(c)
    }
  }
}
