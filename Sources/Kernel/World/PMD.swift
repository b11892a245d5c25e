/// A PMD value as the kernel and the MMU see it: which frame, what kind of entry, and the
/// young/dirty/write bits (modelled so that a value can repeat exactly, an A-B-A that `pmd_same`
/// cannot see).
struct PMD: Hashable, Sendable, CustomStringConvertible {
  /// The value's bits: frame (3), kind (3), young, dirty, write.
  var raw: UInt16

  /// Bits a PMD value takes in a packed state.
  static let bits = 9

  /// What the entry is.
  enum Kind: UInt16 {
    /// `pmd_none`: nothing mapped.
    case none = 0
    /// A present huge PMD: the MMU can walk it.
    case present = 1
    /// NUMA hinting armed: `pmd_numa` (v3.8–v3.19) / `protnone` (v4.0+); not present to the MMU.
    case hinting = 2
    /// `pmdp_invalidate`'s transient not-present value inside a locked section.
    case invalid = 3
    /// A PMD migration entry (v5.14 generic migration).
    case migration = 4
  }

  static let none = PMD(raw: 0)

  private static let kindShift: UInt16 = 3
  private static let kindMask: UInt16 = 7 << kindShift
  private static let youngBit: UInt16 = 1 << 6
  private static let dirtyBit: UInt16 = 1 << 7
  private static let writeBit: UInt16 = 1 << 8

  init(raw: UInt16) { self.raw = raw }

  /// A value of `kind` mapping `frame`. Writable by default: the range is a private writable
  /// mapping, so `maybe_pmd_mkwrite` sets the bit wherever the kernel builds a present PMD
  /// (`do_huge_pmd_anonymous_page`, the migration's new PMD).
  init(_ kind: Kind, frame: Int, young: Bool = true, dirty: Bool = true, write: Bool = true) {
    raw =
      UInt16(frame & 7) | (kind.rawValue << PMD.kindShift) | (young ? PMD.youngBit : 0)
      | (dirty ? PMD.dirtyBit : 0) | (write ? PMD.writeBit : 0)
  }

  var kind: Kind { Kind(rawValue: (raw & PMD.kindMask) >> PMD.kindShift) ?? .none }
  var frame: Int { Int(raw & 7) }
  var isNone: Bool { kind == .none }
  var young: Bool { raw & PMD.youngBit != 0 }
  var dirty: Bool { raw & PMD.dirtyBit != 0 }
  /// `pmd_write`: x86's `_PAGE_RW`. It is also `pmd_savedwrite` on x86 (v4.11–v6.1 define
  /// savedwrite as the write bit everywhere but ppc64), so a protnone value of a writable THP
  /// keeps it, and `pmd_write` is true of it. For a migration entry: a writable entry.
  var write: Bool { raw & PMD.writeBit != 0 }
  /// Whether the entry maps a frame (anything but none).
  var mapsFrame: Bool { kind != .none }

  /// The same entry with another kind, bits kept (`pmd_modify`, `pmd_mknuma`, `pmd_mknotpresent`).
  func with(_ kind: Kind) -> PMD {
    PMD(raw: (raw & ~PMD.kindMask) | (kind.rawValue << PMD.kindShift))
  }
  /// `pmd_mkyoung`.
  func mkyoung() -> PMD { PMD(raw: raw | PMD.youngBit) }
  /// `pmd_mkdirty`.
  func mkdirty() -> PMD { PMD(raw: raw | PMD.dirtyBit) }
  /// `pmd_mkwrite`.
  func mkwrite() -> PMD { PMD(raw: raw | PMD.writeBit) }
  /// `pmd_mkold`: the accessed bit cleared (`pmdp_test_and_clear_young`).
  func mkold() -> PMD { PMD(raw: raw & ~PMD.youngBit) }
  /// The value with the write bit cleared: what `pmd_modify(pmd, vma->vm_page_prot)` leaves of
  /// a private writable mapping's permissions (its `vm_page_prot` has no `_PAGE_RW`).
  func wrprotect() -> PMD { PMD(raw: raw & ~PMD.writeBit) }

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
      + (write ? "" : kind == .migration ? " readable" : " read-only")
  }
}
