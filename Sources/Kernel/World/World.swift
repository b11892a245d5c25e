/// The whole concrete state of the THP world: the hardware (PMD, TLBs, frames) kept apart from
/// the kernel's shared state (locks, counters) and the actors' program counters and locals.
/// The concrete state of the THP world (opaque outside the kernel models).
public struct World: Hashable, Sendable {
  // MARK: Hardware

  /// The one PMD that maps the huge page.
  var pmd: PMD = PMD(.present, frame: 0)
  /// Translations: task A's CPU TLB, task B's CPU TLB, the device's secondary-MMU translation.
  /// Each is `noTranslation` or the frame index, with `dirtyOK` when a store may use it.
  var tlb: InlineArray<3, UInt8> = .init(repeating: noTranslation)
  /// Frames P0, P1, ... in allocation order; never reused.
  var frames: InlineArray<4, Frame> = .init(repeating: Frame())
  /// How many frames were handed out.
  var allocated: UInt8 = 1

  // MARK: Kernel shared state

  /// The ptl holder (actor index + 1), or 0.
  var ptl: UInt8 = 0
  /// `mm->tlb_flush_pending`.
  var flushPending: UInt8 = 0
  /// NR_ISOLATED_ANON in huge pages.
  var nrIsolated: UInt8 = 0
  /// Readers of the anon_vma rwsem.
  var anonVmaReaders: UInt8 = 0

  // MARK: Actors

  /// Each actor's program counter and locals.
  var actors: InlineArray<7, ActorState> = .init(repeating: ActorState())

  /// P0: populated, mapped, on the LRU, one reference (the mapping's), node 0.
  static func initial(actorCount: Int) -> World {
    var w = World()
    w.frames[0] = Frame(data: 0, refcount: 1, flags: [.allocated, .lru], node: 0)
    return w
  }

  public static func == (a: World, b: World) -> Bool {
    guard a.pmd == b.pmd, a.allocated == b.allocated, a.ptl == b.ptl,
      a.flushPending == b.flushPending, a.nrIsolated == b.nrIsolated,
      a.anonVmaReaders == b.anonVmaReaders
    else { return false }
    for i in 0..<3 where a.tlb[i] != b.tlb[i] { return false }
    for i in 0..<4 where a.frames[i] != b.frames[i] { return false }
    for i in 0..<7 where a.actors[i] != b.actors[i] { return false }
    return true
  }

  public func hash(into h: inout Hasher) {
    h.combine(pmd.raw)
    h.combine(allocated)
    h.combine(ptl)
    h.combine(flushPending)
    h.combine(nrIsolated)
    h.combine(anonVmaReaders)
    for i in 0..<3 { h.combine(tlb[i]) }
    for i in 0..<4 { h.combine(frames[i]) }
    for i in 0..<7 { h.combine(actors[i]) }
  }
}

/// An empty translation slot.
let noTranslation: UInt8 = 0xFF
/// Set in a translation when the walk that loaded it allowed stores (dirty).
let dirtyOK: UInt8 = 0x10
