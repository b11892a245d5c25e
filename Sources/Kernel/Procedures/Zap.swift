import THPSpec

/// Labels of MADV_DONTNEED (`madvise_dontneed` → `zap_page_range` → `zap_pmd_range` →
/// `zap_huge_pmd`), written once for every era: the TLB gather (which from v4.13 raises
/// `tlb_flush_pending`), the notifier start, the unlocked tests of `*pmd`, the PMD cleared under
/// the ptl, the notifier end, then `tlb_finish_mmu`: the flush (forced when another batch is
/// pending), the free of the batched page, and `tlb_flush_pending` lowered again.
enum Zap: UInt16 {
  case gather = 112
  case start, checkSwap, check, lock, lockedCheck, clear, unlock, notifierEnd, nested, flush
  case free, finish

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
  /// v5.14: PMD migration entries exist: `zap_pmd_range` tests `is_swap_pmd(*pmd)` first, and
  /// `zap_huge_pmd` clears an entry with no page to free (its mapping reference went with
  /// `set_pmd_migration_entry`; the isolation reference belongs to the migration).
  var migrationEntries: Bool
  /// Before v4.2 the clear is `pmdp_get_and_clear` (a name only).
  var oldClearName: Bool
  /// v4.13+ (99baac21e458): `tlb_gather_mmu` raises `mm->tlb_flush_pending`, `tlb_finish_mmu`
  /// flushes the whole range when another batch is pending (`mm_tlb_flush_nested`) and lowers
  /// it again.
  var tlbBatching: Bool

  /// Where a MADV_DONTNEED operation starts.
  var entry: UInt16 { (tlbBatching ? Zap.gather : notifierSteps ? Zap.start : walk).rawValue }
  /// The walk's first test of `*pmd`.
  var walk: Zap { migrationEntries ? .checkSwap : .check }
}

/// The one MADV_DONTNEED procedure.
enum ZapProcedure {
  static func step(_ label: Zap, _ w: inout World, _ c: Ctx, _ o: ZapOptions, _ fx: inout Fx) {
    let a = c.a
    /// Locals: `orig` is the value cleared (none if nothing was); `page` the batched page;
    /// `changed` whether the gather must flush (something cleared, or a nested batch).
    func afterWalk() {
      if o.notifierSteps {
        w.go(a, Zap.notifierEnd.rawValue)
      } else {
        finishMMU()
      }
    }
    func finishMMU() {
      if o.tlbBatching {
        w.go(a, Zap.nested.rawValue)
      } else if !w.actors[a].orig.isNone {
        w.go(a, Zap.flush.rawValue)
      } else {
        w.opDone(c)
      }
    }
    func skipped() {
      // The range is left as it is: what MADV_DONTNEED promised is judged against it.
      fx.transition = .plain(.zap)
      afterWalk()
    }
    switch label {
    // tlb_gather_mmu: inc_tlb_flush_pending(mm).
    case .gather:
      fx.named(.incTlbFlushPending)
      w.updateFlushPending { $0 += 1 }
      w.actors[a].orig = .none
      w.go(a, (o.notifierSteps ? Zap.start : o.walk).rawValue)
    case .start:
      fx.named(.invalidateRangeStart)
      w.actors[a].orig = .none
      w.go(a, o.walk.rawValue)
    // zap_pmd_range: `if (is_swap_pmd(*pmd) || pmd_trans_huge(*pmd) || pmd_devmap(*pmd))`,
    // each its own read (pmd_devmap is false for every value an anonymous THP's PMD takes).
    // (is_swap_pmd is false for every value before v5.14's migration entries: not a step there.)
    case .checkSwap:
      let pmd = w.pmd
      if pmd.kind == .migration {
        fx.named(.zapIsSwapPmd, pmd.frame)
        w.go(a, Zap.lock.rawValue)
      } else {
        fx.named(.zapNotSwapPmd, pmd.isNone ? -1 : pmd.frame)
        w.go(a, Zap.check.rawValue)
      }
    case .check:
      let pmd = w.pmd
      // pmd_trans_huge: present, protnone and invalidated huge PMDs (_PAGE_PSE kept).
      if pmd.kind == .present || pmd.kind == .hinting || pmd.kind == .invalid {
        fx.named(.zapPmdRangeHuge, pmd.frame)
        w.go(a, Zap.lock.rawValue)
      } else {
        // pmd_none_or_trans_huge_or_clear_bad(pmd): one atomic read that skips a none, huge
        // or (v4.14+) not-present PMD and never clears a huge one: every outcome here skips,
        // so it is not a step. A migration entry that appeared since the first read is
        // skipped too: nothing is zapped.
        fx.named(pmd.isNone ? .zapPmdNone : .zapPmdSkipped, pmd.isNone ? -1 : pmd.frame)
        skipped()
      }
    case .lock:
      w.pmd_lock(c, &fx, .pmdLockHuge)
      w.go(a, Zap.lockedCheck.rawValue)
    // __pmd_trans_huge_lock: is_swap_pmd || pmd_trans_huge || pmd_devmap under the ptl.
    case .lockedCheck:
      w.validated(a)
      let pmd = w.pmd
      let huge =
        pmd.kind == .present || pmd.kind == .hinting || pmd.kind == .invalid
        || (o.migrationEntries && pmd.kind == .migration)
      if huge {
        fx.named(.pmdSame, pmd.frame)
        w.go(a, Zap.clear.rawValue)
      } else {
        // Not huge any more (the PMD changed since the unlocked test): the PTE-level test
        // skips it, and MADV_DONTNEED is over with whatever the PMD holds.
        fx.named(.pmdLockNotHuge)
        fx.transition = .plain(.zap)
        w.go(a, Zap.unlock.rawValue)
      }
    // zap_huge_pmd: orig_pmd = pmdp_huge_get_and_clear_full(); page_remove_rmap;
    // tlb_remove_page_size (batched: the mapping's reference now belongs to the gather).
    case .clear:
      let old = w.exchangePMD(.none)
      w.checkPMDWriteRules(by: a, &fx)
      let f = old.frame
      let name: KStep =
        old.kind == .migration
        ? .zapMigrationEntry : o.oldClearName ? .zapGetAndClear : .zapHugePmd
      fx.named(name, f)
      w.touch(f, &fx)
      w.markHistory(f, .zapped)
      w.actors[a].orig = old
      if old.kind != .migration { w.actors[a].page = UInt8(f) }
      fx.transition = .plain(.zap)
      w.go(a, Zap.unlock.rawValue)
    case .unlock:
      w.spin_unlock(c, &fx)
      afterWalk()
    case .notifierEnd:
      if o.invalidateRange {
        w.invalidate_secondary(c, &fx, .invalidateRangeEnd)
      } else {
        fx.named(.invalidateRangeEndNoListener)
      }
      finishMMU()
    // tlb_finish_mmu: force = mm_tlb_flush_nested(mm) (another batch is pending).
    case .nested:
      let nested = w.flushPending > 1
      fx.named(nested ? .tlbFlushNested : .tlbFlushNotNested)
      if nested || !w.actors[a].orig.isNone {
        w.go(a, Zap.flush.rawValue)
      } else {
        w.go(a, Zap.finish.rawValue)
      }
    case .flush:
      w.flush_tlb_range(c, &fx, .tlbFinishMmu)
      if w.actors[a].page != noFrame {
        w.go(a, Zap.free.rawValue)
      } else if o.tlbBatching {
        w.go(a, Zap.finish.rawValue)
      } else {
        w.actors[a].orig = .none
        w.opDone(c)
      }
    // The batched page's reference (the mapping's) is dropped: normally the free.
    case .free:
      let f = w.actors[a].pageFrame
      w.put_page(f, c, &fx)
      w.actors[a].page = noFrame
      if o.tlbBatching {
        w.go(a, Zap.finish.rawValue)
      } else {
        w.actors[a].orig = .none
        w.opDone(c)
      }
    // dec_tlb_flush_pending(mm).
    case .finish:
      fx.named(.decTlbFlushPending)
      w.updateFlushPending { $0 -= 1 }
      w.actors[a].orig = .none
      w.opDone(c)
    }
  }
}
