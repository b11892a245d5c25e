/// The explorer's visited set: 64-bit state fingerprints in an open-addressing table, 8 bytes
/// a slot, kept at most three-quarters full (linear probing stays short there: about 2.5
/// probes a hit and 8.5 a miss, in adjacent slots).
///
/// Fingerprints are already well mixed (the model's packed words folded through the SplitMix64
/// finaliser by the explorer), so the table indexes with their low bits directly. Two distinct states with one fingerprint are taken for one state:
/// with `n` states the odds of any such collision are about `n² / 2⁶⁵` (see
/// ``ExploreReport/collisionOdds``).
struct FingerprintSet: Sendable {
  /// The slots; 0 marks an empty one (a fingerprint of 0 is stored as 1).
  private var slots: [UInt64]
  private var mask: Int
  /// How many fingerprints are stored.
  private(set) var count = 0

  /// A set sized for about `capacity` fingerprints before it first grows.
  init(capacity: Int = 1 << 12) {
    var size = 1 << 10
    while size < 2 * capacity { size <<= 1 }
    slots = [UInt64](repeating: 0, count: size)
    mask = size - 1
  }

  @inline(__always)
  private static func key(_ fp: UInt64) -> UInt64 { fp == 0 ? 1 : fp }

  /// Whether `fp` is stored.
  func contains(_ fp: UInt64) -> Bool {
    let k = Self.key(fp)
    var i = Int(truncatingIfNeeded: k) & mask
    while true {
      let s = slots[i]
      if s == k { return true }
      if s == 0 { return false }
      i = (i + 1) & mask
    }
  }

  /// Stores `fp`; false if it was already there.
  @discardableResult
  mutating func insert(_ fp: UInt64) -> Bool {
    if 4 * (count + 1) > 3 * slots.count { grow() }
    let k = Self.key(fp)
    var i = Int(truncatingIfNeeded: k) & mask
    while true {
      let s = slots[i]
      if s == k { return false }
      if s == 0 {
        slots[i] = k
        count += 1
        return true
      }
      i = (i + 1) & mask
    }
  }

  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: old.count * 2)
    mask = slots.count - 1
    for k in old where k != 0 {
      var i = Int(truncatingIfNeeded: k) & mask
      while slots[i] != 0 { i = (i + 1) & mask }
      slots[i] = k
    }
  }
}
