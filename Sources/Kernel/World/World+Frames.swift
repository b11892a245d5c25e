import THPSpec

// Page primitives, written once: every touch of a frame goes through here, so a use after free
// or a reference-count bug is caught wherever it happens.

extension World {
  /// Marks a use after free if `f` was returned to the allocator.
  func touch(_ f: Int, _ fx: inout Fx) {
    if frames[f].isFreed { fx.fail(.useAfterFree, .touchedFreed) }
  }

  /// `alloc_pages_node` / `alloc_hugepage_vma`: the next never-used frame, or nil when none is left.
  mutating func allocFrame(node: UInt8, limit: Int) -> Int? {
    let f = Int(allocated)
    guard f < limit else { return nil }
    allocated += 1
    frames[f] = Frame(data: 0, refcount: 1, flags: [.allocated], node: node)
    return f
  }

  /// Whether a frame can still be allocated.
  func canAllocate(limit: Int) -> Bool { Int(allocated) < limit }

  /// `get_page`: one more reference (the caller must already hold one, or the ptl).
  mutating func getPage(_ f: Int, _ fx: inout Fx) {
    touch(f, &fx)
    if frames[f].refcount <= 0 { fx.fail(.kernelBug, .refcountUnderflow) }
    frames[f].refcount += 1
  }

  /// `get_page_unless_zero` / `page_cache_add_speculative`: fails, harmlessly, on a frozen or
  /// freed frame (designed behaviour, not a use after free).
  mutating func getPageUnlessZero(_ f: Int) -> Bool {
    guard frames[f].isLive, frames[f].refcount > 0 else { return false }
    frames[f].refcount += 1
    return true
  }

  /// `put_page`: drops a reference; the last one returns the frame to the allocator.
  /// Returns whether it freed the frame.
  @discardableResult
  mutating func putPage(_ f: Int, _ fx: inout Fx) -> Bool {
    touch(f, &fx)
    if frames[f].isFreed { return false }
    if frames[f].refcount <= 0 {
      fx.fail(.kernelBug, .refcountUnderflow)
      return false
    }
    frames[f].refcount -= 1
    guard frames[f].refcount == 0 else { return false }
    if frames[f].isLocked {
      // free_pages_check → bad_page(): reported and leaked, not returned to the allocator.
      fx.rules.insert(.freedLocked)
      frames[f].flags.remove([.lru, .isolated])
      frames[f].flags.insert(.leaked)
      return false
    }
    frames[f].flags.remove([.locked, .waiters, .lru, .isolated])
    frames[f].flags.insert(.freed)
    return true
  }

  /// `trylock_page`.
  mutating func trylockPage(_ f: Int, _ fx: inout Fx) -> Bool {
    touch(f, &fx)
    if frames[f].isLocked { return false }
    frames[f].flags.insert(.locked)
    return true
  }

  /// `unlock_page`: clears PG_locked and wakes the waiters.
  mutating func unlockPage(_ f: Int, _ fx: inout Fx) {
    touch(f, &fx)
    if !frames[f].isLocked { fx.fail(.kernelBug, .unlockUnlocked) }
    frames[f].flags.remove([.locked, .waiters])
  }

  /// `page_ref_freeze(page, n)`: count n → 0 atomically, or nothing.
  mutating func pageRefFreeze(_ f: Int, _ n: Int8, _ fx: inout Fx) -> Bool {
    touch(f, &fx)
    guard frames[f].refcount == n else { return false }
    frames[f].refcount = 0
    return true
  }

  /// `page_ref_unfreeze(page, n)`.
  mutating func pageRefUnfreeze(_ f: Int, _ n: Int8, _ fx: inout Fx) {
    touch(f, &fx)
    frames[f].refcount = n
  }

  /// `isolate_lru_page`: off the LRU with one more reference, or fails when not on it.
  mutating func isolateLRU(_ f: Int, _ fx: inout Fx) -> Bool {
    touch(f, &fx)
    guard frames[f].flags.contains(.lru) else { return false }
    frames[f].flags.remove(.lru)
    frames[f].flags.insert(.isolated)
    frames[f].refcount += 1
    return true
  }

  /// `putback_lru_page`: back on the LRU, dropping the isolation reference.
  mutating func putbackLRU(_ f: Int, _ fx: inout Fx) {
    frames[f].flags.remove(.isolated)
    frames[f].flags.insert(.lru)
    putPage(f, &fx)
  }

  /// The frame that is the page: the one the PMD maps or, while an actor holds a value it cleared
  /// inside its locked section, the one that value maps; -1 when the range is empty.
  func pageFrame(actors n: Int) -> Int {
    for i in 0..<n where actors[i].flags.contains(.holdsClearedPMD) {
      return actors[i].stash.mapsFrame ? actors[i].stash.frame : -1
    }
    return pmd.mapsFrame ? pmd.frame : -1
  }

  /// `beginMigration` or `endMigration` when `f` is the page; a stutter for a frame that no
  /// longer is (discarded by MADV_DONTNEED, or migrated away): isolating or putting it back
  /// changes nothing the user can see.
  func migration(_ action: ActionName, of f: Int, actors n: Int) -> Transition? {
    pageFrame(actors: n) == f ? .plain(action) : nil
  }

  /// Whether any CPU TLB or the device still translates to `f`.
  func translates(_ f: Int) -> Bool {
    for i in 0..<3 where tlb[i] != noTranslation && Int(tlb[i] & 3) == f { return true }
    return false
  }

  /// `migrate_page_copy` / `copy_huge_page`: the data, and the rule that no translation of the
  /// source may be live while it is copied.
  mutating func copyPage(from f: Int, to g: Int, _ fx: inout Fx) {
    touch(f, &fx)
    frames[g].data = frames[f].data
    if translates(f) { fx.rules.insert(.copyWithLiveTranslation) }
  }
}
