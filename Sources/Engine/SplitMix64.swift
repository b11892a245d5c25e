/// The project's one source of randomness: SplitMix64, seeded, deterministic on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator for `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return Self.finalize(state)
  }

  /// The SplitMix64 finaliser: a bijection on 64-bit words that spreads every input bit over
  /// the whole output (the explorer folds packed states through it).
  @inline(__always)
  public static func finalize(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<n` (n > 0), without modulo bias worth caring about at these sizes.
  public mutating func below(_ n: Int) -> Int {
    Int((next() >> 11) % UInt64(max(n, 1)))
  }

  /// True with probability `p`.
  public mutating func chance(_ p: Double) -> Bool {
    Double(next() >> 11) / Double(1 << 53) < p
  }

  /// An independent generator for sub-stream `index` of `seed` (run `index` of a budget).
  public static func stream(seed: UInt64, index: UInt64) -> SplitMix64 {
    var g = SplitMix64(seed: seed ^ (index &* 0xD1B5_4A32_D192_ED03))
    _ = g.next()
    return g
  }
}
