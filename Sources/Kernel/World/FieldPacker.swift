/// Packs fields of declared widths into one 64-bit word, low bits first: a frame, an actor's
/// locals, the state's header. The packing follows from each field's width, so a field that
/// grows past it is caught (in debug builds) instead of colliding with its neighbour.
struct FieldPacker {
  /// The fields put so far.
  private(set) var word: UInt64 = 0
  private var used: UInt64 = 0

  /// Appends `value`, which must fit in `bits` bits.
  @inline(__always)
  mutating func put(_ value: some FixedWidthInteger & UnsignedInteger, _ bits: Int) {
    let v = UInt64(value)
    let bits = UInt64(bits)
    assert(v >> bits == 0 && used + bits <= 64, "a field does not fit its declared width")
    word |= v << used
    used += bits
  }
}

/// Reads back, in the same order and widths, the fields a ``FieldPacker`` wrote.
struct FieldUnpacker {
  private var word: UInt64

  init(_ word: UInt64) { self.word = word }

  /// The next field of `bits` bits.
  @inline(__always)
  mutating func take(_ bits: Int) -> UInt64 {
    let bits = UInt64(bits)
    let v = word & ((1 << bits) - 1)
    word >>= bits
    return v
  }
}
