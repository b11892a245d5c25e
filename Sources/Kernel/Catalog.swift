import THPEngine

/// A kernel model as `thpcheck list` shows it.
public struct ModelInfo: Sendable, Hashable {
  /// The model's name.
  public let name: String
  /// The kernel state it models.
  public let kernel: String
  /// The commit the state is read at.
  public let commit: String
  /// The seeds whose bugs it shipped.
  public let demonstrates: [String]

  /// What history expects, computed from the model's catalogue: `refuted` when it lists a story
  /// the model must show, `holds` when it is empty.
  public var expected: Verdict { Catalog.expected(name, reverting: []) }
}

/// A revertible fix: a seed fix, revertible from v4.20, or one line of a later era's defence
/// against a seed's race, revertible from that era.
public struct FixInfo: Sendable, Hashable {
  /// The id `--revert` takes: the seed fix's commit id (12 characters), or the name of the line
  /// a later era's switch takes out.
  public let id: String
  /// The commit's title.
  public let title: String
  /// The seed text it is (its file stem in `seeds/`).
  public let seed: String
  /// The harm its revert must show.
  public let expectedHarm: String
  /// The actors of the seed's own race diagram, as scenario letters: a revert is checked on
  /// them unless `--scenario` says otherwise, so each seed's story is told in isolation.
  public let scenario: String
  /// The model it is reverted from.
  public var model: String = "v4.20"
}

/// Bad model/fix input, said in one line.
public struct CatalogError: Error, CustomStringConvertible {
  /// The line.
  public let description: String
}

/// The models and fixes this build checks.
public enum Catalog {
  /// The seed stems, 000 to 004.
  public static let seeds = [
    "000_93485ea2b955c572", "001_0ad988a8ee412a95", "002_83ec1afacc7126d3",
    "003_223025159e349084", "004_57404f4a2d2b5ef6",
  ]

  /// The five seed fixes, in seed order.
  public static let fixes: [FixInfo] = [
    FixInfo(
      id: "3f926ab945b6", title: "mm: Close races between THP migration and PMD numa clearing",
      seed: seeds[0], expectedHarm: "lost-write", scenario: "Aw,Bw,Saa"),
    FixInfo(
      id: "3c226c637b69", title: "mm: numa: avoid waiting on freed migrated pages", seed: seeds[1],
      expectedHarm: "use-after-free", scenario: "Aw,Bw,Sa"),
    FixInfo(
      id: "04fa5d6a6547", title: "mm: migrate: check page_count of THP before migrating",
      seed: seeds[2], expectedHarm: "lost-write", scenario: "Aw,Sa,Gp"),
    FixInfo(
      id: "2b4847e73004", title: "mm: numa: serialise parallel get_user_page against THP migration",
      seed: seeds[3], expectedHarm: "lost-write", scenario: "Aw,Sa,Gp"),
    FixInfo(
      id: "7066f0f933a1", title: "mm: thp: fix mmu_notifier in migrate_misplaced_transhuge_page()",
      seed: seeds[4], expectedHarm: "lost-write", scenario: "Aw,Sa,Dw"),
  ]

  /// The models, oldest first.
  public static let models: [ModelInfo] = [
    ModelInfo(
      name: "v3.8-rc1",
      kernel: "v3.8-rc1 (huge_memory.c, migrate.c @ b32967ff101a; no page-count check)",
      commit: "b32967ff101a", demonstrates: [seeds[2], seeds[0], seeds[3]]),
    ModelInfo(
      name: "v3.8-pagecount-v1",
      kernel: "b32967ff101a + the first posting of 04fa5d6a6547 (NR_ISOLATED_ANON leak)",
      commit: "b32967ff101a", demonstrates: [seeds[2], seeds[0], seeds[3]]),
    ModelInfo(
      name: "v3.9", kernel: "v3.9 (340ef3902cf2: Hugh Dickins' page_count != 3 cleanup)",
      commit: "340ef3902cf2", demonstrates: [seeds[0], seeds[3]]),
    ModelInfo(
      name: "v3.13-rc1",
      kernel: "the before-image of 2b4847e73004: 3f926ab945b6 applied, sleeping lock_page",
      commit: "a54a407fbf77", demonstrates: [seeds[3], seeds[1]]),
    ModelInfo(
      name: "v3.13",
      kernel: "v3.13 (2b4847e73004, the Dec 2013 series, b0943d61b8fa)",
      commit: "b0943d61b8fa", demonstrates: [seeds[1]]),
    ModelInfo(
      name: "v4.14", kernel: "v4.14 (huge_memory.c @ 84c3fc4e9c56, migrate.c @ 616b8371539a)",
      commit: "616b8371539a", demonstrates: [seeds[4]]),
    ModelInfo(
      name: "v4.20", kernel: "v4.20 (migrate.c @ 7066f0f933a1, all five seed fixes)",
      commit: "7066f0f933a1", demonstrates: []),
    ModelInfo(
      name: "v5.14",
      kernel:
        "v5.14 (huge_memory.c @ c5b5a3dd2c1f, migrate.c @ 662aeea7536d: PMD migration entries)",
      commit: "c5b5a3dd2c1f", demonstrates: []),
    ModelInfo(
      name: "v6.12",
      kernel:
        "v6.12 LTS @ adc218676eef (huge_memory.c, mprotect.c of v6.12; migrate.c of the"
        + " v6.12-rc1 mm tree; memory.c, gup.c of 6.13 copies with 6.12's PMD paths): folios,"
        + " isolation under the ptl, two-phase generic migration",
      commit: "adc218676eef", demonstrates: []),
  ]

  /// The v6.12 switches: each takes out the one line that closes a seed's race in today's code
  /// (proofs-notes/Linux6_12.md says which seeds have such a line and which are closed by the
  /// structure of the code).
  public static let v6Reverts: [FixInfo] = [
    FixInfo(
      id: "no-precopy-refcount-check",
      title:
        "__migrate_folio without `if (folio_ref_count(src) != expected_count) return -EAGAIN;`"
        + " before folio_mc_copy (the line 060913999d7a added; seeds 002 and 003)",
      seed: seeds[2], expectedHarm: "lost-write", scenario: "Aw,Sa,Gp", model: "v6.12"),
    FixInfo(
      id: "wait-unlocks-ptl-first",
      title:
        "migration_entry_wait_on_locked drops the ptl before folio_set_waiters and the enqueue"
        + " (the order ffa65753c431 relies on, without the reference it replaced; seed 001)",
      seed: seeds[1], expectedHarm: "use-after-free", scenario: "Aw,Bw,Sa", model: "v6.12"),
    FixInfo(
      id: "no-secondary-tlb-flush",
      title:
        "x86 flush_tlb_mm_range without mmu_notifier_arch_invalidate_secondary_tlbs() (the line"
        + " 6bbd42e2df8f added; seed 004)",
      seed: seeds[4], expectedHarm: "lost-write", scenario: "Aw,Sa,Dw", model: "v6.12"),
  ]

  /// Every revertible fix: the seed fixes of v4.20, then the switches of later eras.
  public static var reverts: [FixInfo] { fixes + v6Reverts }

  /// The era behind a model name, with its features.
  static func era(_ name: String, reverting fix: String?) -> AnyEra? {
    if let fix, !reverts.contains(where: { $0.id == fix && $0.model == name }) { return nil }
    switch name {
    case "v3.8-rc1": return .linux3_8(Linux3_8(variant: .rc1))
    case "v3.8-pagecount-v1": return .linux3_8(Linux3_8(variant: .pagecountV1))
    case "v3.9": return .linux3_8(Linux3_8(variant: .v3_9))
    case "v3.13-rc1": return .linux3_13(Linux3_13(variant: .rc1))
    case "v3.13": return .linux3_13(Linux3_13(variant: .release))
    case "v5.14": return .linux5_14(Linux5_14(variant: .release))
    case "v6.12":
      var f = Linux6_12.Features.v6_12
      switch fix {
      case nil: break
      case "no-precopy-refcount-check": f.remove(.precopyRefCheck)
      case "wait-unlocks-ptl-first": f.remove(.waitQueuesUnderPTL)
      case "no-secondary-tlb-flush": f.remove(.secondaryInFlush)
      default: return nil
      }
      return .linux6_12(Linux6_12(features: f))
    case "v4.14": return .linux4(Linux4(features: .v4_14))
    case "v4.20":
      var f = Linux4.Features.v4_20
      switch fix {
      case nil: break
      case "3f926ab945b6": f.remove(.lockedHintClear)
      case "3c226c637b69": f.remove(.waiterReference)
      case "04fa5d6a6547": f.remove(.pageCountCheck)
      case "2b4847e73004": f.remove(.follNumaLocked)
      case "7066f0f933a1": f.remove(.faultPathInvalidate)
      default: return nil
      }
      return .linux4(Linux4(features: f))
    default: return nil
    }
  }

  /// The model called `name`, with `reverted` fixes taken out (at most one, from the model it
  /// belongs to: a seed fix from v4.20, a v6.12 switch from v6.12).
  public static func family(_ name: String, reverting reverted: [String] = []) throws(CatalogError)
    -> KernelFamily
  {
    guard let info = models.first(where: { $0.name == name }) else {
      throw CatalogError(
        description: "unknown model \(Echo.quote(name)); models: "
          + models.map(\.name).joined(separator: ", "))
    }
    for id in reverted where !reverts.contains(where: { $0.id == id }) {
      throw CatalogError(
        description: "unknown fix \(Echo.quote(id)); revertible fixes: "
          + reverts.map(\.id).joined(separator: ", "))
    }
    if reverted.count > 1 {
      throw CatalogError(description: "only one fix can be reverted at a time")
    }
    if let id = reverted.first, let fix = reverts.first(where: { $0.id == id }),
      fix.model != info.name
    {
      throw CatalogError(
        description: "fix \(id) is reverted from \(fix.model) only, not from \(info.name)")
    }
    guard let era = era(name, reverting: reverted.first) else {
      throw CatalogError(description: "model \(Echo.quote(name)) cannot run with \(reverted)")
    }
    return KernelFamily(name: name, reverted: reverted, era: era)
  }

  /// What history expects of a model with `reverted` fixes, computed from its catalogue:
  /// refuted when it has a story it must show, else holds.
  public static func expected(_ name: String, reverting reverted: [String]) -> Verdict {
    catalogue(model: name, reverting: reverted).contains { $0.required } ? .refuted : .holds
  }
}
