/// A PMD value as the kernel and the MMU see it: which frame, what kind of entry, and the
/// young/dirty bits (modelled so that a value can repeat exactly, an A-B-A that `pmd_same` cannot
/// see).
struct PMD: Hashable, Sendable, CustomStringConvertible {
  var raw: UInt8

  /// What the entry is.
  enum Kind: UInt8 {
    /// `pmd_none`: nothing mapped.
    case none = 0
    /// A present huge PMD: the MMU can walk it.
    case present = 1
    /// NUMA hinting armed: `pmd_numa` (v3.8–v3.19) / `protnone` (v4.0+); not present to the MMU.
    case hinting = 2
    /// `pmdp_invalidate`'s transient not-present value inside the scanner's locked section.
    case invalid = 3
    /// A PMD migration entry (v5.14 generic migration).
    case migration = 4
  }

  static let none = PMD(raw: 0)

  private static let youngBit: UInt8 = 1 << 5
  private static let dirtyBit: UInt8 = 1 << 6

  init(raw: UInt8) { self.raw = raw }

  init(_ kind: Kind, frame: Int, young: Bool = true, dirty: Bool = true) {
    raw =
      UInt8(frame & 3) | (kind.rawValue << 2) | (young ? PMD.youngBit : 0)
      | (dirty ? PMD.dirtyBit : 0)
  }

  var kind: Kind { Kind(rawValue: (raw >> 2) & 7) ?? .none }
  var frame: Int { Int(raw & 3) }
  var isNone: Bool { kind == .none }
  var young: Bool { raw & PMD.youngBit != 0 }
  var dirty: Bool { raw & PMD.dirtyBit != 0 }
  /// Whether the entry maps a frame (anything but none).
  var mapsFrame: Bool { kind != .none }

  /// The same entry with another kind, bits kept (`pmd_modify`, `pmd_mknuma`, `pmd_mknotpresent`).
  func with(_ kind: Kind) -> PMD {
    PMD(raw: (raw & ~(7 << 2)) | (kind.rawValue << 2))
  }
  /// `pmd_mkyoung`.
  func mkyoung() -> PMD { PMD(raw: raw | PMD.youngBit) }
  /// `pmd_mkdirty`.
  func mkdirty() -> PMD { PMD(raw: raw | PMD.dirtyBit) }

  var description: String {
    if isNone { return "none" }
    let k: String
    switch kind {
    case .none: k = "none"
    case .present: k = "present"
    case .hinting: k = "protnone"
    case .invalid: k = "invalid"
    case .migration: k = "migration entry"
    }
    return "P\(frame) \(k)" + (young ? " young" : "") + (dirty ? " dirty" : "")
  }
}
