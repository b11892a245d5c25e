import THPSpec

// Kernel-named steps, written once for every era: each names the step after the kernel code
// it stands for, performs its one access to shared state through the World primitives, and
// says which spec action it is. Era files compose them the way their C functions read.

extension World {
  /// `pmd_lock(mm, pmd)` / `spin_lock(ptl)` (the caller's status waited for it).
  mutating func pmd_lock(_ c: Ctx, _ fx: inout Fx, _ name: KStep = .pmdLock) {
    fx.named(name)
    pmdLock(c.a)
  }

  /// `spin_unlock(ptl)`.
  mutating func spin_unlock(_ c: Ctx, _ fx: inout Fx) {
    fx.named(.spinUnlock)
    spinUnlock(c.a)
  }

  /// `pmd_same(orig, *pmd)` under the ptl, against the actor's snapshot: one read.
  mutating func pmd_same(_ c: Ctx, _ fx: inout Fx) -> Bool {
    validated(c.a)
    let same = pmd == actors[c.a].orig
    fx.named(same ? .pmdSame : .pmdSameChanged)
    return same
  }

  /// `get_page(page)`: the caller's reference.
  mutating func get_page(_ f: Int, _ c: Ctx, _ fx: inout Fx) {
    fx.named(.getPage, f)
    getPage(f, &fx)
    actors[c.a].flags.insert(.holdsRef)
  }

  /// `get_page_unless_zero(page)`: a reference, unless the count is zero (frozen or freed).
  mutating func get_page_unless_zero(_ f: Int, _ c: Ctx, _ fx: inout Fx) -> Bool {
    let got = getPageUnlessZero(f)
    fx.named(got ? .getPageUnlessZero : .getPageUnlessZeroFailed, f)
    if got { actors[c.a].flags.insert(.holdsRef) }
    return got
  }

  /// `put_page(page)` of the reference the actor holds on `page` (or of one it took over):
  /// named after its outcome. Returns whether it freed the frame.
  @discardableResult
  mutating func put_page(_ f: Int, _ c: Ctx, _ fx: inout Fx) -> Bool {
    fx.named(peekFrame(f).refcount == 1 ? .putPageFrees : .putPage, f)
    if f == actors[c.a].pageFrame { actors[c.a].flags.remove(.holdsRef) }
    return putPage(f, &fx)
  }

  /// `trylock_page(page)`; the lock is the actor's `page_locked` when it is its `page`.
  mutating func trylock_page(_ f: Int, _ c: Ctx, _ fx: inout Fx) -> Bool {
    let got = trylockPage(f, &fx)
    fx.named(got ? .trylockPage : .trylockPageFailed, f)
    if got && f == actors[c.a].pageFrame { actors[c.a].flags.insert(.pageLocked) }
    return got
  }

  /// `unlock_page(page)`: wakes the waiters.
  mutating func unlock_page(_ f: Int, _ c: Ctx, _ fx: inout Fx) {
    fx.named(.unlockPage, f)
    unlockPage(f, &fx)
    if f == actors[c.a].pageFrame { actors[c.a].flags.remove(.pageLocked) }
  }

  /// `flush_tlb_range` (or another whole-range CPU flush named `name`): every CPU drops its
  /// translation.
  mutating func flush_tlb_range(_ c: Ctx, _ fx: inout Fx, _ name: KStep = .flushTlbRange) {
    fx.named(name)
    flushCPUTLBs()
    fx.transition = .drop(.cpus)
  }

  /// `mmu_notifier_invalidate_range` (or `invalidate_range_end` reaching `->invalidate_range`,
  /// named `name`): the device drops its translation.
  mutating func invalidate_secondary(_ c: Ctx, _ fx: inout Fx, _ name: KStep) {
    fx.named(name)
    invalidateDevice()
    fx.transition = .drop(AgentSet(.device))
  }

  /// `mod_*_page_state(NR_ISOLATED_ANON, ±HPAGE_PMD_NR)`.
  mutating func nr_isolated(_ delta: Int, page f: Int, _ c: Ctx, _ fx: inout Fx) {
    fx.named(delta > 0 ? .isolatedInc : .isolatedDec, f)
    addIsolated(delta)
    fx.transition = .plain(delta > 0 ? .countIsolated : .uncountIsolated)
  }

  /// `isolate_lru_page(page)`: the migration begins when `page` is the page.
  mutating func isolate_lru_page(_ f: Int, _ c: Ctx, _ fx: inout Fx) -> Bool {
    guard isolateLRU(f, &fx) else {
      fx.named(.isolateLruPageFailed, f)
      return false
    }
    fx.named(.isolateLruPage, f)
    fx.transition = migration(.beginMigration, of: f, actors: c.actorCount)
    return true
  }

  /// `putback_lru_page(page)`'s `lru_cache_add`: PG_lru again; an abandoned migration ends when
  /// `page` is the page.
  mutating func lru_cache_add(_ f: Int, _ c: Ctx, _ fx: inout Fx, ending: Bool = true) {
    fx.named(.putbackLruPage, f)
    let ends = ending ? migration(.endMigration, of: f, actors: c.actorCount) : nil
    setLRU(f, &fx)
    fx.transition = ends
  }

  /// v3.8–v3.13 `lru_cache_add`: `page_cache_get` for this CPU's pagevec, PG_lru still clear
  /// until the pagevec is drained; an abandoned migration ends when `page` is the page.
  mutating func lru_cache_add_pagevec(_ f: Int, _ c: Ctx, _ fx: inout Fx, ending: Bool = false) {
    fx.named(.lruCacheAddPagevec, f)
    let ends = ending ? migration(.endMigration, of: f, actors: c.actorCount) : nil
    assert(actors[c.a].pagevec == noFrame, "the model's pagevec holds one page")
    getPage(f, &fx)
    markHistory(f, .isolated, false)
    actors[c.a].pagevec = UInt8(f)
    fx.transition = ends
  }

  /// `page_count(page) == n`: one read of the count, named after its outcome.
  mutating func page_count_is(_ n: Int8, _ f: Int, _ c: Ctx, _ fx: inout Fx, yes: KStep, no: KStep)
    -> Bool
  {
    let ok = pageCount(f, &fx) == n
    fx.named(ok ? yes : no, f)
    return ok
  }

  /// `pmdp_get_and_clear` / `pmdp_huge_clear_flush`'s clear / `pmdp_invalidate` inside the
  /// caller's locked section (named `name`): one atomic exchange to `value` (`.none`, or the old
  /// value made invalid), under the PMD-write rules; the old value is kept in `stash` and, until
  /// the actor writes the PMD again, the page counts as still mapped (logically).
  mutating func clear_pmd_locked(
    to value: (PMD) -> PMD, _ c: Ctx, _ fx: inout Fx, _ name: KStep, frame: Int
  ) {
    fx.named(name, frame)
    actors[c.a].stash = exchangePMD(value(peekPMD))
    checkPMDWriteRules(by: c.a, &fx)
    actors[c.a].flags.insert(.holdsClearedPMD)
  }

  /// `follow_trans_huge_pmd`: `page = pmd_page(*pmd)` under the ptl, the page the pin will
  /// take. Named after what it followed: a NUMA-marked PMD is followed by a FOLL_FORCE pin (no
  /// FOLL_NUMA), or, before 2b4847e73004, by any pin whose unlocked FOLL_NUMA test saw the PMD
  /// unmarked.
  mutating func follow_trans_huge_pmd(_ pmd: PMD, _ c: Ctx, _ fx: inout Fx) {
    let marked: KStep = c.follForce(self) ? .followTransHugePmdForce : .followTransHugePmdMarked
    fx.named(pmd.kind == .hinting ? marked : .followTransHugePmd, pmd.frame)
    actors[c.a].page = UInt8(pmd.frame)
  }

  /// `set_pmd_at` of `value` (named `name`), under the rules every PMD write is held to.
  mutating func set_pmd_at(
    _ value: PMD, _ c: Ctx, _ fx: inout Fx, _ name: KStep = .setPmdAt, frame: Int? = nil
  ) {
    fx.named(name, frame ?? value.frame)
    fx.value = value.raw
    writePMD(value, by: c.a, &fx)
  }
}

extension Ctx {
  /// The spec agent whose translation or pin this actor holds (the GUP agents for GUP actors).
  var agent: Agent { role.agent ?? .gupSlow }
}
