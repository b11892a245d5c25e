import THPEngine

/// The whole concrete state of the THP world: the hardware (PMD, TLBs, frames) kept apart from
/// the kernel's shared state (locks, counters) and the actors' program counters and locals.
///
/// Everything other actors can race with is private to this file and reached only through the
/// accessors below, which record, per step, what the step read and wrote (``footprint``): the
/// atomicity check counts these, and a test compares every step's state difference with them.
/// Reads that are not kernel code — the abstraction function, actor statuses, harm detection,
/// spec labels — go through the `peek` accessors, which record nothing.
public struct World: Hashable, Sendable {
  /// Room for this many actors.
  static let maxActors = 10
  /// Room for this many frames.
  static let maxFrames = 8
  /// Translation slots: task A's TLB, task B's TLB, the device's secondary MMU, one spare.
  static let tlbSlots = 4

  // MARK: Hardware

  /// The one PMD that maps the huge page.
  private var pmdValue: PMD = PMD(.present, frame: 0)
  /// Translations, per slot: `noTranslation` or the frame index, with `dirtyOK` when a store
  /// may use it.
  private var translations: InlineArray<4, UInt8> = .init(repeating: noTranslation)
  /// Frames P0, P1, ... in allocation order; never reused.
  private var frameTable: InlineArray<8, Frame> = .init(repeating: Frame())
  /// How many frames were handed out.
  private var allocatedFrames: UInt8 = 1

  // MARK: Kernel shared state

  /// The ptl holder (actor index + 1), or 0.
  private var ptlHolder: UInt8 = 0
  /// `mm->tlb_flush_pending`.
  private var flushPendingCount: UInt8 = 0
  /// NR_ISOLATED_ANON in huge pages.
  private var isolatedPages: UInt8 = 0
  /// Readers of the anon_vma rwsem.
  private var anonVmaReaderCount: UInt8 = 0

  // MARK: Actors

  /// Each actor's program counter and locals: its own, so reading and writing them is not an
  /// access to shared state.
  var actors: InlineArray<10, ActorState> = .init(repeating: ActorState())
  /// How many actors the scenario has (fixed for a run).
  private(set) var actorCount: UInt8 = 0

  // MARK: Not state

  /// What the step in progress read and wrote (excluded from equality and hashing).
  private(set) var footprint = Footprint()

  /// An empty world: no actors, no frames handed out.
  init() {}

  /// P0: populated, mapped, on the LRU, one reference (the mapping's), node 0.
  static func initial(actorCount: Int) -> World {
    var w = World()
    w.actorCount = UInt8(actorCount)
    w.frameTable[0] = Frame(data: 0, refcount: 1, flags: [.allocated, .lru], node: 0)
    return w
  }

  // MARK: Recording

  /// Starts a step: forgets the previous step's footprint.
  mutating func beginStep() { footprint = Footprint() }

  /// Records one operation on shared state. A read of places the step already read or wrote
  /// is a use of a value it holds, not a new access.
  @inline(__always)
  private mutating func record(read: UInt64 = 0, write: UInt64 = 0) {
    if write == 0 && read & ~(footprint.reads | footprint.writes) == 0 { return }
    footprint.reads |= read
    footprint.writes |= write
    footprint.accesses &+= 1
  }

  /// Records a write to a frame nobody else can reach yet (a page just allocated and not yet
  /// mapped or put on the LRU): part of the footprint, but not an access another actor can race
  /// with.
  @inline(__always)
  private mutating func recordPrivate(write: UInt64) { footprint.writes |= write }

  // MARK: The PMD

  /// `*pmd`: one read of the PMD.
  var pmd: PMD {
    mutating get {
      record(read: Location.pmd)
      return pmdValue
    }
  }

  /// A plain store to the PMD (`set_pmd_at`).
  mutating func storePMD(_ value: PMD) {
    record(write: Location.pmd)
    pmdValue = value
  }

  /// An atomic exchange of the PMD (`pmdp_get_and_clear`, `pmdp_invalidate`,
  /// `pmdp_huge_get_and_clear_full`): one access; returns the old value.
  mutating func exchangePMD(_ value: PMD) -> PMD {
    record(read: Location.pmd, write: Location.pmd)
    let old = pmdValue
    pmdValue = value
    return old
  }

  /// `pmdp_test_and_clear_young`: if the PMD is young, an atomic clear of its accessed bit
  /// (x86 `test_and_clear_bit`), with no TLB flush; one access. Returns whether it was young.
  mutating func testAndClearYoung() -> Bool {
    record(read: Location.pmd, write: Location.pmd)
    guard pmdValue.young else { return false }
    pmdValue = pmdValue.mkold()
    return true
  }

  /// The MMU's page walk: reads the PMD and, for a present one, sets its accessed (and, for a
  /// store, dirty) bits with a locked update and loads the translation into `slot` — one
  /// hardware operation (x86 takes a flush IPI only between instructions).
  mutating func hardwareWalk(slot: Int, store: Bool) -> PMD {
    let v = pmdValue
    // A store needs `_PAGE_RW`: a read-only PMD raises a write-protect fault instead.
    guard v.kind == .present, !store || v.write else {
      record(read: Location.pmd | Location.tlb(slot))
      return v
    }
    record(read: Location.pmd | Location.tlb(slot), write: Location.pmd | Location.tlb(slot))
    pmdValue = store ? v.mkyoung().mkdirty() : v.mkyoung()
    translations[slot] = UInt8(v.frame) | (store ? dirtyOK : 0)
    return v
  }

  // MARK: Translations

  /// A load or store through the translation in `slot`, if one allows it: the TLB lookup and
  /// the memory access it translates are one instruction. Returns the frame accessed, or nil
  /// when the translation is missing or does not allow the access: then the same access goes
  /// on with the MMU's walk (``hardwareWalk(slot:store:)``), which records the lookup.
  mutating func accessThroughTLB(slot: Int, store id: UInt8?) -> (frame: Int, value: UInt8)? {
    let entry = translations[slot]
    guard entry != noTranslation, id == nil || entry & dirtyOK != 0 else { return nil }
    let f = Int(entry & 7)
    if let id {
      record(read: Location.tlb(slot), write: Location.data(f))
      frameTable[f].data = id
      return (f, id)
    }
    record(read: Location.tlb(slot) | Location.data(f))
    return (f, frameTable[f].data)
  }

  /// Drops the translations in `slots` (a TLB flush, or a secondary-MMU invalidation): one
  /// operation.
  mutating func dropTranslations(_ slots: some Sequence<Int>) {
    var mask: UInt64 = 0
    for s in slots {
      mask |= Location.tlb(s)
      translations[s] = noTranslation
    }
    record(write: mask)
  }

  /// Loads a translation into `slot` without a walk (the scenario's starting state).
  mutating func preload(slot: Int, _ entry: UInt8) { translations[slot] = entry }

  // MARK: Frames

  /// Reads frame `f`'s places `what` (one access) and returns the frame.
  mutating func readFrame(_ f: Int, _ what: UInt64) -> Frame {
    record(read: what)
    return frameTable[f]
  }

  /// One atomic operation on frame `f` that reads and writes the places `what` (a reference
  /// count change, a page-flag bit operation, the LRU state under its lock).
  @inline(__always) @discardableResult
  mutating func updateFrame<R>(_ f: Int, _ what: UInt64, _ body: (inout Frame) -> R) -> R {
    record(read: what, write: what)
    return body(&frameTable[f])
  }

  /// A plain store to frame `f`'s contents (a DMA write).
  mutating func storeData(_ f: Int, _ value: UInt8) {
    record(write: Location.data(f))
    frameTable[f].data = value
  }

  /// Copies frame `f`'s contents into `g`, a page nobody else can reach yet: one read of
  /// shared state (`migrate_page_copy`, `copy_huge_page`).
  mutating func copyData(from f: Int, to g: Int) {
    record(read: Location.data(f))
    recordPrivate(write: Location.data(g))
    frameTable[g].data = frameTable[f].data
  }

  /// Changes frame `g`'s flags while nobody else can reach it (`__SetPageLocked(new_page)`,
  /// preparing a page before it is mapped).
  mutating func preparePrivate(_ g: Int, _ body: (inout Frame) -> Void) {
    recordPrivate(write: Location.lock(g) | Location.lru(g) | Location.map(g))
    body(&frameTable[g])
  }

  /// Sets or clears frame `f`'s history bits (read by the abstraction, the rules and the
  /// checker only; not kernel state).
  mutating func markHistory(_ f: Int, _ bits: Frame.Flags, _ on: Bool = true) {
    assert(Frame.Flags.history.isSuperset(of: bits))
    if on { frameTable[f].flags.insert(bits) } else { frameTable[f].flags.subtract(bits) }
  }

  /// The allocator takes back frame `f`, whose last reference just went (part of that
  /// `put_page`): its page-lock and LRU bits are reset, as `free_pages_prepare` does.
  mutating func returnToAllocator(_ f: Int) {
    recordPrivate(write: Location.lock(f) | Location.lru(f) | Location.count(f))
    frameTable[f].flags.subtract([.locked, .waiters, .lru, .isolated])
    frameTable[f].flags.insert(.freed)
  }

  /// `alloc_pages_node`: the next never-used frame, or nil when none is left (one operation
  /// on the allocator; the frame is the caller's alone until it publishes it).
  mutating func allocateFrame(node: UInt8, limit: Int) -> Int? {
    let f = Int(allocatedFrames)
    guard f < limit, f < World.maxFrames else {
      record(read: Location.allocator)
      return nil
    }
    record(read: Location.allocator, write: Location.allocator)
    recordPrivate(
      write: Location.data(f) | Location.count(f) | Location.lock(f) | Location.lru(f)
        | Location.map(f))
    allocatedFrames += 1
    frameTable[f] = Frame(data: 0, refcount: 1, flags: [.allocated], node: node)
    return f
  }

  // MARK: Locks and counters

  /// Takes the ptl for actor `a` (the caller's status said it is free).
  mutating func acquirePTL(_ a: Int) {
    record(read: Location.ptl, write: Location.ptl)
    ptlHolder = UInt8(a + 1)
  }

  /// Releases the ptl if actor `a` holds it.
  mutating func releasePTL(_ a: Int) {
    record(read: Location.ptl, write: Location.ptl)
    if ptlHolder == UInt8(a + 1) { ptlHolder = 0 }
  }

  /// `mm_tlb_flush_pending(mm)`: one read.
  var flushPending: UInt8 {
    mutating get {
      record(read: Location.flushPending)
      return flushPendingCount
    }
  }

  /// `inc_tlb_flush_pending`, `set_tlb_flush_pending` and their inverses: one atomic update.
  mutating func updateFlushPending(_ body: (inout UInt8) -> Void) {
    record(read: Location.flushPending, write: Location.flushPending)
    body(&flushPendingCount)
  }

  /// `mod_node_page_state(NR_ISOLATED_ANON, ±HPAGE_PMD_NR)`: one counter update.
  mutating func addIsolated(_ delta: Int) {
    record(read: Location.nrIsolated, write: Location.nrIsolated)
    isolatedPages = UInt8(truncatingIfNeeded: Int(isolatedPages) + delta)
  }

  /// `page_lock_anon_vma_read` / `page_unlock_anon_vma_read`: one rwsem operation.
  mutating func addAnonVmaReader(_ delta: Int) {
    record(read: Location.anonVma, write: Location.anonVma)
    anonVmaReaderCount = UInt8(truncatingIfNeeded: Int(anonVmaReaderCount) + delta)
  }

  // MARK: Peeking (not kernel code: records nothing)

  /// The PMD, for the abstraction, statuses and spec labels.
  var peekPMD: PMD { pmdValue }
  /// Frame `f`, for the abstraction, statuses, harm detection and spec labels.
  func peekFrame(_ f: Int) -> Frame { frameTable[f] }
  /// The translation in `slot`.
  func peekTLB(_ slot: Int) -> UInt8 { translations[slot] }
  /// How many frames were handed out.
  var peekAllocated: Int { Int(allocatedFrames) }
  /// The ptl holder (actor index + 1), or 0.
  var peekPTLHolder: UInt8 { ptlHolder }
  /// `mm->tlb_flush_pending`.
  var peekFlushPending: UInt8 { flushPendingCount }
  /// NR_ISOLATED_ANON in huge pages.
  var peekIsolated: UInt8 { isolatedPages }
  /// Readers of the anon_vma rwsem.
  var peekAnonVmaReaders: UInt8 { anonVmaReaderCount }

  /// The places whose value differs between `self` and `other` (history bits excluded): what
  /// a step that led from one to the other must have recorded as written.
  func changedPlaces(since other: World) -> UInt64 {
    var mask: UInt64 = 0
    if pmdValue != other.pmdValue { mask |= Location.pmd }
    for s in 0..<World.tlbSlots where translations[s] != other.translations[s] {
      mask |= Location.tlb(s)
    }
    if allocatedFrames != other.allocatedFrames { mask |= Location.allocator }
    if ptlHolder != other.ptlHolder { mask |= Location.ptl }
    if flushPendingCount != other.flushPendingCount { mask |= Location.flushPending }
    if isolatedPages != other.isolatedPages { mask |= Location.nrIsolated }
    if anonVmaReaderCount != other.anonVmaReaderCount { mask |= Location.anonVma }
    for f in 0..<World.maxFrames {
      let a = frameTable[f]
      let b = other.frameTable[f]
      if a.data != b.data { mask |= Location.data(f) }
      let life = Frame.Flags.lifecycle
      if a.refcount != b.refcount || a.flags.intersection(life) != b.flags.intersection(life)
        || a.node != b.node
      {
        mask |= Location.count(f)
      }
      if a.flags.intersection(.lockBits) != b.flags.intersection(.lockBits) {
        mask |= Location.lock(f)
      }
      if a.flags.intersection(.lruBits) != b.flags.intersection(.lruBits) {
        mask |= Location.lru(f)
      }
    }
    return mask
  }

  // MARK: Equality, hashing, packing

  public static func == (a: World, b: World) -> Bool {
    guard a.pmdValue == b.pmdValue, a.allocatedFrames == b.allocatedFrames,
      a.ptlHolder == b.ptlHolder, a.flushPendingCount == b.flushPendingCount,
      a.isolatedPages == b.isolatedPages, a.anonVmaReaderCount == b.anonVmaReaderCount,
      a.actorCount == b.actorCount
    else { return false }
    for i in 0..<World.tlbSlots where a.translations[i] != b.translations[i] { return false }
    for i in 0..<Int(a.allocatedFrames) where a.frameTable[i] != b.frameTable[i] { return false }
    for i in 0..<Int(a.actorCount) where a.actors[i] != b.actors[i] { return false }
    return true
  }

  /// Words the packed form of a state takes with `actors` actors and room for `frames` frames:
  /// a header word, two frames a word, one word an actor.
  static func packedWordCount(actors: Int, frames: Int) -> Int { 1 + (frames + 1) / 2 + actors }

  /// The header word: the allocator's count, the PMD, the locks and counters, and the four
  /// translations (5 bits each: frame, dirty, or 31 for none).
  private var headerWord: UInt64 {
    var p = FieldPacker()
    p.put(allocatedFrames, 4)
    p.put(pmdValue.raw, PMD.bits)
    p.put(ptlHolder, 4)
    p.put(flushPendingCount, 4)
    p.put(isolatedPages, 4)
    p.put(anonVmaReaderCount, 4)
    for s in 0..<World.tlbSlots {
      let t = translations[s]
      assert(t == noTranslation || t & ~(dirtyOK | 7) == 0, "a translation does not fit 5 bits")
      p.put(t == noTranslation ? 31 : (t & 7) | (t & dirtyOK) >> 1, 5)
    }
    return p.word
  }

  /// Frames `2k` and `2k + 1`, 32 bits each (frames never handed out are all zero).
  private func framePairWord(_ k: Int) -> UInt64 {
    let hi = 2 * k + 1 < World.maxFrames ? frameTable[2 * k + 1].packed << 32 : 0
    return frameTable[2 * k].packed | hi
  }

  /// Passes the state to `body` as packed words, every field bit for bit in the width its
  /// type declares (distinct states give distinct sequences): what hashing reads. Frames never
  /// handed out and actors beyond the scenario's are all zero and skipped (the counts that
  /// bound them are in the header, or fixed for a scenario).
  @inline(__always)
  func forEachWord(_ body: (UInt64) -> Void) {
    body(headerWord)
    for k in 0..<(Int(allocatedFrames) + 1) / 2 { body(framePairWord(k)) }
    for i in 0..<Int(actorCount) { body(actors[i].packed) }
  }

  /// Appends the packed form (``packedWordCount(actors:frames:)`` words, room for `frames`
  /// frames): what the explorer keeps of a state on its frontier.
  func pack(frames: Int, into out: inout [UInt64]) {
    out.append(headerWord)
    for k in 0..<(frames + 1) / 2 { out.append(framePairWord(k)) }
    for i in 0..<Int(actorCount) { out.append(actors[i].packed) }
  }

  /// The state ``pack(frames:into:)`` wrote for `actors` actors and room for `frames` frames.
  init(packed w: ArraySlice<UInt64>, actors: Int, frames: Int) {
    self.init()
    var k = w.startIndex
    var u = FieldUnpacker(w[k])
    allocatedFrames = UInt8(u.take(4))
    pmdValue = PMD(raw: UInt16(u.take(PMD.bits)))
    ptlHolder = UInt8(u.take(4))
    flushPendingCount = UInt8(u.take(4))
    isolatedPages = UInt8(u.take(4))
    anonVmaReaderCount = UInt8(u.take(4))
    for s in 0..<World.tlbSlots {
      let t = UInt8(u.take(5))
      translations[s] = t == 31 ? noTranslation : (t & 7) | (t & 8) << 1
    }
    for f in 0..<frames {
      if f % 2 == 0 { k += 1 }
      frameTable[f] = Frame(packed: w[k] >> (f % 2 == 0 ? 0 : 32) & 0xFFFF_FFFF)
    }
    for i in 0..<actors {
      k += 1
      self.actors[i] = ActorState(packed: w[k])
    }
    actorCount = UInt8(actors)
  }

  /// Where the header word keeps the ptl holder and the first translation.
  private static let ptlShift = UInt64(4 + PMD.bits)
  private static let tlbShift = ptlShift + 16

  /// Rewrites a packed state (``pack(frames:into:)``) into the one with tasks `a` and `b`
  /// swapped, word by word, as ``swappingTasks(_:_:)`` does to a value: translations 0 and 1,
  /// the ptl holder, the write ids in every frame, the two actors' words.
  static func swapTasks(packed w: inout [UInt64], _ a: Int, _ b: Int, frames: Int) {
    var h = w[0]
    let t0 = h >> tlbShift & 31
    let t1 = h >> (tlbShift + 5) & 31
    h = h & ~(0x3FF << tlbShift) | t1 << tlbShift | t0 << (tlbShift + 5)
    let holder = mirroredHolder(UInt8(h >> ptlShift & 15), a, b)
    w[0] = h & ~(15 << ptlShift) | UInt64(holder) << ptlShift
    let frameWords = (frames + 1) / 2
    for k in 1...frameWords {
      var x = w[k]
      for shift: UInt64 in [0, 32] {
        let data = mirroredWrite(UInt8(x >> shift & 0xFF))
        x = x & ~(0xFF << shift) | UInt64(data) << shift
      }
      w[k] = x
    }
    w.swapAt(1 + frameWords + a, 1 + frameWords + b)
  }

  public func hash(into h: inout Hasher) {
    forEachWord { h.combine($0) }
  }

  /// The same state with tasks `a` and `b` (equal roles, equal operations) swapped: their
  /// locals, their TLBs (slots 0 and 1), the ptl holder if it is one of them, and the data their
  /// writes left in the frames (task A writes ids 1 to 3, task B 4 to 6). Not kernel code: the
  /// explorer's symmetry reduction.
  func swappingTasks(_ a: Int, _ b: Int) -> World {
    var w = self
    w.actors[a] = actors[b]
    w.actors[b] = actors[a]
    w.translations[0] = translations[1]
    w.translations[1] = translations[0]
    w.ptlHolder = Self.mirroredHolder(ptlHolder, a, b)
    for f in 0..<Int(allocatedFrames) {
      w.frameTable[f].data = Self.mirroredWrite(frameTable[f].data)
    }
    return w
  }

  /// A write id with the two tasks swapped: task A writes ids 1 to 3, task B 4 to 6.
  private static func mirroredWrite(_ id: UInt8) -> UInt8 {
    switch id {
    case 1...3: id + 3
    case 4...6: id - 3
    default: id
    }
  }

  /// A ptl holder (actor index + 1, or 0) with tasks `a` and `b` swapped.
  private static func mirroredHolder(_ holder: UInt8, _ a: Int, _ b: Int) -> UInt8 {
    holder == UInt8(a + 1) ? UInt8(b + 1) : holder == UInt8(b + 1) ? UInt8(a + 1) : holder
  }
}

/// An empty translation slot.
let noTranslation: UInt8 = 0xFF
/// Set in a translation when the walk that loaded it allowed stores (dirty).
let dirtyOK: UInt8 = 0x10
