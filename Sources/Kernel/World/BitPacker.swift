/// Packs fields of declared widths into 64-bit words, in order, for hashing and fingerprints:
/// the packing follows from each field's width, so a field that grows cannot collide with its
/// neighbour.
struct BitPacker {
  /// Room for the largest state (``World/maxActors`` actors, ``World/maxFrames`` frames).
  static let capacity = 20
  /// The words filled so far.
  private(set) var words: InlineArray<20, UInt64> = .init(repeating: 0)
  /// How many words are in use (the last one possibly partly filled).
  private(set) var count = 0
  private var used = 64

  /// Appends the low `bits` bits of `value` (which must fit in them).
  @inline(__always)
  mutating func put(_ value: UInt64, bits: Int) {
    assert(bits == 64 || value >> UInt64(bits) == 0, "a field does not fit its declared width")
    if used == 64 {
      count += 1
      used = 0
    }
    words[count - 1] |= value << UInt64(used)
    if used + bits <= 64 {
      used += bits
      return
    }
    let low = 64 - used
    count += 1
    words[count - 1] = value >> UInt64(low)
    used = bits - low
  }
}
