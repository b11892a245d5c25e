import THPSpec

/// The v5.14 code: `do_huge_pmd_numa_page` without the page lock or the
/// anon_vma lock, `migrate_misplaced_page` handing the THP to the generic migration code
/// (`migrate_pages` → `unmap_and_move` → `__unmap_and_move`), which unmaps it with a PMD
/// migration entry (`try_to_migrate` → `set_pmd_migration_entry`) before checking the
/// reference count and copying, then maps the new (or, on failure, the old) frame with
/// `remove_migration_pmd`. Faults, GUP and the device that meet the migration entry wait in
/// `pmd_migration_entry_wait`; the scanner and MADV_DONTNEED handle it too.
struct Linux5_14: Era {
  /// Which kernel state of this era.
  enum Variant: Sendable, Hashable { case release }
  let variant: Variant

  init(variant: Variant) { self.variant = variant }

  var hasDevice: Bool { true }

  /// The era's labels, one per atomic step, named after their code point.
  enum L: UInt16 {
    // do_huge_pmd_numa_page
    case numaLock = 128
    case numaSame, numaFlushPending, numaFlush, numaInvalidate, numaPrepGet
    case numaMisplaced, numaNoNodePut, numaOutMap, numaUnlockOut, numaUnlockMigrate
    case numaFailLock, numaFailSame
    // pmd_migration_entry_wait
    case mweLock, mweCheck, mweGetRef, mweUnlockWait, mweQueue, mweDropRef, mweWoken, mweUnlock
    // migrate_misplaced_page and numamigrate_isolate_page
    case mmpMapcount, mmpBalanced, mmpIsolate, mmpAccount, mmpPutPin, mmpOutPut
    case mmpFailUncount, mmpFailPutbackLRU, mmpFailPutbackPut
    // migrate_pages → unmap_and_move → __unmap_and_move
    case umFreedCheck, umAlloc, umTrylock, umTrylockNew, umMapped
    // try_to_migrate → try_to_migrate_one → set_pmd_migration_entry
    case ttmStart, ttmWalkRead, ttmLock, ttmCheck, ttmInvalidate, ttmFlush, ttmSetEntry
    case ttmRemoveRmap, ttmPutPage, ttmUnlock, ttmEnd
    // move_to_new_page → migrate_page → migrate_page_move_mapping, migrate_page_copy
    case umMoveMapping, umCopy
    // remove_migration_ptes → remove_migration_pte → remove_migration_pmd
    case rmWalkRead, rmLock, rmCheck, rmGetPage, rmAddRmap, rmSetPmd, rmUnlock
    // the tail of __unmap_and_move and unmap_and_move, and the retry passes
    case umUnlockNew, umUnlockOld, umPutbackNewLRU, umPutbackNewPut, umSuccessUncount, umSuccessPut
    case umPutNew, umRetry
  }

  /// Era-specific step names (codes 1160..<1256).
  enum S: UInt16 {
    case totalMapcount = 1160
    case freedUnderUs, stillReferenced
    case pageNotMapped
    case pvmwNotFound, pvmwFound, pvmwMigrationFound
    case pageRemoveRmap, pageAddAnonRmap
    case retryPass, passesExhausted
    case notMigrationEntry
    case putAndWaitQueued, putAndWaitPut
    case pvmwTransHuge, pvmwMigrationEntry

    var text: String {
      switch self {
      case .totalMapcount: "numamigrate_isolate_page: total_mapcount <= 1"
      case .freedUnderUs: "unmap_and_move: page_count == 1 (freed under us)"
      case .stillReferenced: "unmap_and_move: page_count > 1"
      case .pageNotMapped: "__unmap_and_move: page_mapped: no"
      case .pvmwNotFound: "page_vma_mapped_walk: not found"
      case .pvmwFound: "page_vma_mapped_walk: PMD maps the page"
      case .pvmwMigrationFound: "page_vma_mapped_walk: migration entry of the page"
      case .pageRemoveRmap: "page_remove_rmap"
      case .pageAddAnonRmap: "page_add_anon_rmap"
      case .retryPass: "migrate_pages: -EAGAIN, another pass"
      case .passesExhausted: "migrate_pages: -EAGAIN, passes exhausted"
      case .notMigrationEntry: "pmd_migration_entry_wait: not a migration entry"
      case .putAndWaitQueued: "put_and_wait_on_page_locked: queued"
      case .putAndWaitPut: "put_and_wait_on_page_locked: put_page"
      case .pvmwTransHuge: "page_vma_mapped_walk: pmd_trans_huge → pmd_lock"
      case .pvmwMigrationEntry: "page_vma_mapped_walk: migration entry → pmd_lock"
      }
    }
  }

  /// `page_was_mapped` in `__unmap_and_move` (an era-private actor flag).
  static let pageWasMapped = ActorState.Flags(rawValue: 1 << 14)
  /// `migrate_pages` has run its retry pass already (an era-private actor flag).
  static let retried = ActorState.Flags(rawValue: 1 << 15)

  var numaFaultEntry: UInt16 { L.numaLock.rawValue }
  var migrationWaitEntry: UInt16 { L.mweLock.rawValue }

  func entry(for role: Role) -> UInt16 { commonEntry(for: role) }

  /// MADV_DONTNEED is the one ``Zap`` procedure, with TLB batching and migration entries.
  var zap: ZapOptions {
    ZapOptions(
      notifierSteps: true, invalidateRange: true, migrationEntries: true, oldClearName: false,
      tlbBatching: true)
  }

  /// `__handle_mm_fault` sends a migration entry to `pmd_migration_entry_wait`.
  var faultEntry: FaultOptions { FaultOptions(migrationEntries: true) }

  /// A huge page goes on the LRU at once.
  var anon: AnonOptions { AnonOptions(pagevec: false) }

  /// page_idle, its `PageLRU` re-test without the lock (v5.11, "mm: page_idle_get_page() does
  /// not need lru_lock").
  var walker: WalkerOptions { WalkerOptions(kind: .pageIdle) }

  /// `do_huge_pmd_wp_page` locks the page (ba3c4ce6def4, v4.14); v5.14 reaches it after a
  /// migration whose entry the scanner made readable.
  var writeFaultLocksPage: Bool { true }

  /// The scanner and GUP are the shared v4.0+ procedures (``ProtNone``), with migration entries.
  var protNone: ProtNoneOptions? {
    ProtNoneOptions(
      migrationEntries: true, follNumaLocked: true, pinWhileIsolatedRule: false,
      atomicInvalidate: true, grabBeforeTouch: true)
  }

  func wait(_ pc: UInt16, _ w: World, _ c: Ctx) -> Wait {
    switch L(rawValue: pc) {
    case .numaLock, .numaFailLock, .mweLock, .ttmLock, .rmLock:
      .ptl
    case .numaFlush, .ttmFlush: .ipi
    case .mweWoken: .pageUnlocked
    default: .nothing
    }
  }

  func choices(_ pc: UInt16, _ w: World, _ c: Ctx) -> Int {
    switch L(rawValue: pc) {
    case .numaMisplaced, .mmpBalanced: 2
    case .umAlloc: w.canAllocate(limit: c.frameLimit) ? 2 : 1
    case .umRetry: w.actors[c.a].flags.contains(Linux5_14.retried) ? 1 : 2
    default: 1
    }
  }

  func stepText(_ code: UInt16) -> String? { S(rawValue: code)?.text }

  func step(_ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    guard let label = L(rawValue: w.pc(c.a)) else { return }
    switch label.rawValue {
    case L.numaLock.rawValue..<L.mmpMapcount.rawValue: fault(label, &w, c, choice: choice, &fx)
    default: migrate(label, &w, c, choice: choice, &fx)
    }
  }

  func go(_ w: inout World, _ c: Ctx, _ l: L) { w.go(c.a, l.rawValue) }
}

extension Fx {
  /// Names the step after a v5.14 code point.
  mutating func named(_ s: Linux5_14.S, _ a: Int = -1, _ b: Int = -1) {
    named(era: s.rawValue, a, b)
  }
}
