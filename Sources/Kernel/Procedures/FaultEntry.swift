import THPSpec

/// Labels of `handle_mm_fault`'s PMD part, written once for every era: the fault handler reads
/// `*pmd` again, twice, after the MMU's walk raised the fault — `pmd_none(*pmd)`, then
/// `orig_pmd = *pmd` — and dispatches on what the second read found, not on what the MMU saw.
/// The v3.8 code (`do_pmd_numa_page`) and the v3.13 code (`BUG_ON(pmd_numa(*pmd))`) read it a
/// third time when the second read found no huge PMD.
enum FaultEntry: UInt16 {
  /// `if (pmd_none(*pmd) && transparent_hugepage_enabled(vma))`: the first read.
  case pmdNone = 24
  /// `orig_pmd = *pmd; barrier();`: the second read, the value the handlers work from.
  case origPMD
  /// v3.8/v3.9: `if (pmd_numa(*pmd)) return do_pmd_numa_page(...)` for a PMD that was not huge.
  case tableNuma
  /// `do_pmd_numa_page`: `spin_lock(ptl)`, `pmd = *pmdp`, `set_pmd_at(pmd_mknonnuma)`, unlock,
  /// then `pte_offset_map_lock` on whatever the PMD maps.
  case dpnLock, dpnRead, dpnSet, dpnUnlock, dpnMap, dpnWalk
  /// v3.13: `BUG_ON(pmd_numa(*pmd))` after a PMD that was not huge, or a huge-page fallback.
  case bugOnNuma

  /// What the step at this label waits for.
  var wait: Wait { self == .dpnLock ? .ptl : .nothing }

  /// How many outcomes the step at this label has.
  func choices(_ w: World, _ c: Ctx) -> Int { self == .dpnWalk ? 2 : 1 }
}

/// What distinguishes an era's fault entry.
struct FaultOptions: Sendable, Hashable {
  /// v3.8/v3.9: a PMD that is not huge at the second read is tested with `pmd_numa(*pmd)` and
  /// handed to `do_pmd_numa_page` (the batched handling of a page table's NUMA PTEs).
  var tableNuma: Bool = false
  /// v3.13: `BUG_ON(pmd_numa(*pmd))` after the huge branch (THP "should already have been
  /// handled"), also reached when `do_huge_pmd_anonymous_page` falls back (107437febd49).
  var bugOnNuma: Bool = false
  /// Whether a present huge PMD at the second read goes to `huge_pmd_set_accessed` (v3.8 on;
  /// `b32967ff101a` returns at once).
  var setAccessed: Bool = true
  /// v5.14: `is_swap_pmd(orig_pmd)` sends a PMD migration entry to `pmd_migration_entry_wait`.
  var migrationEntries: Bool = false
}

/// The fault entry procedure.
enum FaultEntryProcedure {
  static func step(
    _ label: FaultEntry, _ w: inout World, _ c: Ctx, era: some Era, choice: Int, _ fx: inout Fx
  ) {
    let a = c.a
    let o = era.faultEntry
    switch label {
    case .pmdNone:
      let pmd = w.pmd
      if pmd.isNone {
        fx.named(.hmmPmdNone)
        w.go(a, .anonAlloc)
      } else {
        fx.named(.hmmPmdNotNone, pmd.frame)
        w.go(a, FaultEntry.origPMD.rawValue)
      }
    case .origPMD:
      let pmd = w.pmd
      w.actors[a].orig = pmd
      fx.named(.hmmOrigPmd, pmd.isNone ? -1 : pmd.frame)
      fx.value = pmd.raw
      switch pmd.kind {
      case .migration where o.migrationEntries: w.go(a, era.migrationWaitEntry)
      case .hinting: w.go(a, era.numaFaultEntry)
      // if (dirty && !pmd_write(orig_pmd)) return do_huge_pmd_wp_page(vmf, orig_pmd);
      case .present where c.isWrite(w) && !pmd.write:
        w.go(a, WriteFault.lock.rawValue)
      case .present, .invalid, .migration:
        if o.setAccessed { w.go(a, .accessedLock) } else { w.faultReturns(c, era) }
      case .none:
        // Not huge any more (zapped since the first read): the PTE-level fault follows.
        if o.tableNuma {
          w.go(a, FaultEntry.tableNuma.rawValue)
        } else if o.bugOnNuma {
          w.go(a, FaultEntry.bugOnNuma.rawValue)
        } else {
          w.faultReturns(c, era)
        }
      }
    case .tableNuma:
      let pmd = w.pmd
      if pmd.kind == .hinting {
        fx.named(.hmmTableNuma, pmd.frame)
        w.go(a, FaultEntry.dpnLock.rawValue)
      } else {
        // handle_pte_fault on an empty or huge PMD: the PTE-level fault is outside the model,
        // and a huge PMD returns at once (`pmd_trans_huge(*pmd)`); either way the access retries.
        fx.named(.hmmNotTableNuma)
        w.faultReturns(c, era)
      }
    case .dpnLock:
      w.pmd_lock(c, &fx)
      w.go(a, FaultEntry.dpnRead.rawValue)
    case .dpnRead:
      w.validated(a)
      let pmd = w.pmd
      w.actors[a].orig = pmd
      fx.named(.dpnRead, pmd.isNone ? -1 : pmd.frame)
      w.go(a, (pmd.kind == .hinting ? FaultEntry.dpnSet : .dpnUnlock).rawValue)
    case .dpnSet:
      // pmd = pmd_mknonnuma(pmd); set_pmd_at(): made accessible without the page lock.
      let value = w.actors[a].orig.with(.present).mkyoung()
      w.set_pmd_at(value, c, &fx, .dpnSetPmd)
      fx.rules.insert(.hintClearedWithoutPageLock)
      fx.transition = .plain(.clearHinting)
      w.go(a, FaultEntry.dpnUnlock.rawValue)
    case .dpnUnlock:
      w.spin_unlock(c, &fx)
      w.go(a, FaultEntry.dpnMap.rawValue)
    case .dpnMap:
      // pte_offset_map_lock(mm, pmdp, ...): reads *pmdp for the page table. A huge PMD maps the
      // THP itself, whose first 4 KiB the PTE walk then takes for page-table entries.
      let pmd = w.pmd
      if pmd.kind == .present || pmd.kind == .hinting {
        fx.named(.dpnMapHuge, pmd.frame)
        w.actors[a].page = UInt8(pmd.frame)
        w.go(a, FaultEntry.dpnWalk.rawValue)
      } else {
        fx.named(.dpnMap)
        w.faultReturns(c, era)
      }
    case .dpnWalk:
      // Words of user data that look like NUMA PTEs are rewritten with set_pte_at (choice 1),
      // or none do (choice 0).
      let f = w.actors[a].pageFrame
      if choice == 1 {
        fx.named(.dpnWalksHugePage, f)
        w.touch(f, &fx)
        w.storeData(f, corruptData)
        fx.value = UInt16(corruptData)
      } else {
        fx.named(.dpnWalkNothing, f)
      }
      w.faultReturns(c, era)
    case .bugOnNuma:
      let pmd = w.pmd
      if pmd.kind == .hinting {
        fx.named(.bugOnPmdNuma, pmd.frame)
        fx.fail(.kernelBug, .bugOn)
      } else {
        fx.named(.hmmNotTableNuma)
      }
      w.faultReturns(c, era)
    }
  }
}

/// What the contents of a page look like after a walk took them for page-table entries and
/// rewrote some: no user write ever stores this id.
let corruptData: UInt8 = 31
