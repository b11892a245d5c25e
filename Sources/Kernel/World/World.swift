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

  /// Passes the state to `body` as twelve packed words, every field bit for bit (distinct
  /// states give distinct sequences): what hashing and fingerprinting read, rather than
  /// feeding a hasher field by field.
  @inline(__always)
  func forEachWord(_ body: (UInt64) -> Void) {
    var shared = UInt64(pmd.raw) | UInt64(allocated) << 8 | UInt64(ptl) << 16
    shared |= UInt64(flushPending) << 24 | UInt64(nrIsolated) << 32 | UInt64(anonVmaReaders) << 40
    shared |= UInt64(tlb[0]) << 48 | UInt64(tlb[1]) << 56
    body(shared)
    body(UInt64(frames[0].packed) | UInt64(frames[1].packed) << 32)
    body(UInt64(frames[2].packed) | UInt64(frames[3].packed) << 32)
    func flags(_ i: Int) -> UInt64 { UInt64(actors[i].flags.rawValue) }
    body(UInt64(tlb[2]) | flags(0) << 8 | flags(1) << 24 | flags(2) << 40)
    body(flags(3) | flags(4) << 16 | flags(5) << 32 | flags(6) << 48)
    for i in 0..<7 { body(actors[i].packedLocals) }
  }

  public func hash(into h: inout Hasher) {
    forEachWord { h.combine($0) }
  }

  /// A 64-bit fingerprint for the explorer: each packed word folded in through the SplitMix64
  /// finaliser (a bijection), so two distinct states collide with odds of about 2⁻⁶⁴. Unlike
  /// `Hasher` it is not seeded per process.
  var fingerprint: UInt64 {
    var h: UInt64 = 0x243F_6A88_85A3_08D3
    forEachWord { h = mix64(h ^ $0) }
    return h
  }
}

/// An empty translation slot.
let noTranslation: UInt8 = 0xFF
/// Set in a translation when the walk that loaded it allowed stores (dirty).
let dirtyOK: UInt8 = 0x10

/// The SplitMix64 finaliser: a bijection on 64-bit words that spreads every input bit over
/// the whole output.
@inline(__always)
func mix64(_ x: UInt64) -> UInt64 {
  var z = x
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}
