import THPSpec

// Page primitives, written once: every touch of a frame goes through here, so a use after free
// or a reference-count bug is caught wherever it happens. Each is one operation on shared state
// (one access), recorded by the accessors of `World.swift`.

extension World {
  /// Marks a use after free if `f` was returned to the allocator (harm detection: records
  /// nothing).
  func touch(_ f: Int, _ fx: inout Fx) {
    if peekFrame(f).isFreed { fx.fail(.useAfterFree, .touchedFreed) }
  }

  /// `alloc_pages_node` / `alloc_hugepage_vma`: the next never-used frame, or nil when none is
  /// left.
  mutating func allocFrame(node: UInt8, limit: Int) -> Int? {
    allocateFrame(node: node, limit: limit)
  }

  /// Whether a frame can still be allocated (for choice counts and statuses: records nothing).
  func canAllocate(limit: Int) -> Bool { peekAllocated < min(limit, World.maxFrames) }

  /// `page_count(page)`: one read of the reference count.
  mutating func pageCount(_ f: Int, _ fx: inout Fx) -> Int8 {
    touch(f, &fx)
    return readFrame(f, Location.count(f)).refcount
  }

  /// `PageLocked(page)` (`pmd_trans_migrating`): one read of the page-lock word.
  mutating func pageLocked(_ f: Int, _ fx: inout Fx) -> Bool {
    touch(f, &fx)
    return readFrame(f, Location.lock(f)).isLocked
  }

  /// `get_page`: one more reference (the caller must already hold one, or the ptl).
  mutating func getPage(_ f: Int, _ fx: inout Fx) {
    touch(f, &fx)
    let underflow = updateFrame(f, Location.count(f)) { fr -> Bool in
      let bad = fr.refcount <= 0
      fr.refcount += 1
      return bad
    }
    if underflow { fx.fail(.kernelBug, .refcountUnderflow) }
  }

  /// `get_page_unless_zero` / `page_cache_add_speculative`: fails, harmlessly, on a frozen or
  /// freed frame (designed behaviour, not a use after free).
  mutating func getPageUnlessZero(_ f: Int) -> Bool {
    updateFrame(f, Location.count(f)) { fr in
      guard fr.isLive, fr.refcount > 0 else { return false }
      fr.refcount += 1
      return true
    }
  }

  /// `put_page`: drops a reference; the last one returns the frame to the allocator.
  /// Returns whether it freed the frame.
  @discardableResult
  mutating func putPage(_ f: Int, _ fx: inout Fx) -> Bool {
    touch(f, &fx)
    enum Outcome { case freedAlready, underflow, dropped, last }
    let outcome = updateFrame(f, Location.count(f)) { fr -> Outcome in
      if fr.isFreed { return .freedAlready }
      if fr.refcount <= 0 { return .underflow }
      fr.refcount -= 1
      return fr.refcount == 0 ? .last : .dropped
    }
    switch outcome {
    case .freedAlready, .dropped: return false
    case .underflow:
      fx.fail(.kernelBug, .refcountUnderflow)
      return false
    case .last:
      if peekFrame(f).isLocked {
        // free_pages_check → bad_page(): "BUG: Bad page state", the page leaked rather than
        // returned to the allocator, while whoever still holds it goes on with a zero count.
        fx.fail(.kernelBug, .freedLocked)
        markHistory(f, .isolated, false)
        markHistory(f, .leaked)
        return false
      }
      returnToAllocator(f)
      return true
    }
  }

  /// `trylock_page`: test-and-set PG_locked.
  mutating func trylockPage(_ f: Int, _ fx: inout Fx) -> Bool {
    touch(f, &fx)
    return updateFrame(f, Location.lock(f)) { fr in
      if fr.isLocked { return false }
      fr.flags.insert(.locked)
      return true
    }
  }

  /// `unlock_page`: clears PG_locked and wakes the waiters.
  mutating func unlockPage(_ f: Int, _ fx: inout Fx) {
    touch(f, &fx)
    let wasLocked = updateFrame(f, Location.lock(f)) { fr -> Bool in
      let was = fr.isLocked
      fr.flags.remove([.locked, .waiters])
      return was
    }
    if !wasLocked { fx.fail(.kernelBug, .unlockUnlocked) }
  }

  /// Queues on `f`'s wait queue (`wait_on_page_locked` finding it locked): sets PG_waiters.
  /// Returns whether the page was locked (else the waiter does not sleep).
  mutating func queueOnPageLock(_ f: Int, _ fx: inout Fx) -> Bool {
    touch(f, &fx)
    return updateFrame(f, Location.lock(f)) { fr in
      guard fr.isLocked else { return false }
      fr.flags.insert(.waiters)
      return true
    }
  }

  /// `page_ref_freeze(page, n)`: count n → 0 atomically, or nothing.
  mutating func pageRefFreeze(_ f: Int, _ n: Int8, _ fx: inout Fx) -> Bool {
    touch(f, &fx)
    return updateFrame(f, Location.count(f)) { fr in
      guard fr.refcount == n else { return false }
      fr.refcount = 0
      return true
    }
  }

  /// `page_ref_unfreeze(page, n)`.
  mutating func pageRefUnfreeze(_ f: Int, _ n: Int8, _ fx: inout Fx) {
    touch(f, &fx)
    updateFrame(f, Location.count(f)) { $0.refcount = n }
  }

  /// `isolate_lru_page`: off the LRU with one more reference, or fails when not on it. Under
  /// the zone's lru_lock the kernel tests and clears PG_lru and takes the reference: two
  /// operations, which the atomicity notes justify as one step.
  mutating func isolateLRU(_ f: Int, _ fx: inout Fx) -> Bool {
    touch(f, &fx)
    let onLRU = updateFrame(f, Location.lru(f)) { fr in
      guard fr.flags.contains(.lru) else { return false }
      fr.flags.remove(.lru)
      return true
    }
    guard onLRU else { return false }
    updateFrame(f, Location.count(f)) { $0.refcount += 1 }
    markHistory(f, .isolated)
    return true
  }

  /// `lru_cache_add` as it ends for a huge page: PG_lru set, the page isolatable again (the
  /// pagevec's own reference, taken and dropped around it, nets to nothing).
  mutating func setLRU(_ f: Int, _ fx: inout Fx) {
    touch(f, &fx)
    updateFrame(f, Location.lru(f)) { $0.flags.insert(.lru) }
    markHistory(f, .isolated, false)
  }

  /// `putback_lru_page`: back on the LRU, dropping the isolation reference (two operations:
  /// `lru_cache_add`, then `put_page`).
  mutating func putbackLRU(_ f: Int, _ fx: inout Fx) {
    setLRU(f, &fx)
    putPage(f, &fx)
  }

  /// The frame that is the page: the one the PMD maps or, while an actor holds a value it cleared
  /// inside its locked section, the one that value maps; -1 when the range is empty (the
  /// abstraction's view: records nothing).
  func pageFrame(actors n: Int) -> Int {
    for i in 0..<n where actors[i].flags.contains(.holdsClearedPMD) {
      return actors[i].stash.mapsFrame ? actors[i].stash.frame : -1
    }
    return peekPMD.mapsFrame ? peekPMD.frame : -1
  }

  /// `beginMigration` or `endMigration` when `f` is the page; a stutter for a frame that no
  /// longer is (discarded by MADV_DONTNEED, or migrated away): isolating or putting it back
  /// changes nothing the user can see.
  func migration(_ action: ActionName, of f: Int, actors n: Int) -> Transition? {
    pageFrame(actors: n) == f ? .plain(action) : nil
  }

  /// Whether any CPU TLB or the device still translates to `f` (for the rules: records
  /// nothing).
  func translates(_ f: Int) -> Bool {
    for i in 0..<World.tlbSlots where peekTLB(i) != noTranslation && Int(peekTLB(i) & 7) == f {
      return true
    }
    return false
  }

  /// Whether some actor holds a GUP pin on `f` (for the rules: records nothing).
  func pinned(_ f: Int) -> Bool {
    (0..<Int(actorCount)).contains { actors[$0].flags.contains(.pinned) && actors[$0].pageFrame == f }
  }

  /// `migrate_page_copy` / `copy_huge_page`: the data, and the rules that no translation of the
  /// source may be live while it is copied (seed 004) and that no GUP pin, a reference the
  /// migration cannot account for, may be held on it (seed 002).
  mutating func copyPage(from f: Int, to g: Int, _ fx: inout Fx) {
    touch(f, &fx)
    if translates(f) { fx.rules.insert(.copyWithLiveTranslation) }
    if pinned(f) { fx.rules.insert(.migrateWithUnexplainedReference) }
    copyData(from: f, to: g)
  }
}
