// NUMA hinting on the PMD: armed by the scanner (or a migration entry), disarmed by a fault or a
// finished migration.

extension Action {
  /// The PMD becomes inaccessible, so the next access faults: the NUMA scanner arms hinting, or
  /// a migration replaces the PMD with a migration entry.
  ///
  /// Kernel: `task_numa_work` → `change_prot_numa` → `change_huge_pmd`, whose `set_pmd_at` writes
  /// the `pmd_mknuma` (v3.8–v3.19) or `protnone` (v4.0+) value; from v5.14, also
  /// `try_to_migrate` → `set_pmd_migration_entry`, after which an access waits for the migration
  /// (`pmd_migration_entry_wait`) just as a hinting fault would. Existing translations survive
  /// the scanner's store: its TLB flush and `->invalidate_range` come later, as their own actions.
  public static let armHinting = Action(
    .armHinting,
    "The PMD becomes inaccessible (the NUMA scanner, or a migration entry) so the next access faults.",
    kernel: "change_huge_pmd: set_pmd_at(pmd_mknuma / protnone); set_pmd_migration_entry (v5.14)",
    requires: [
      Clause("the range is populated", harm: .refinement) { s, _ in s.populated },
      Clause("hinting is not armed already", harm: .refinement) { s, _ in !s.hinting },
    ]
  ) { s, _ in s.hinting = true }

  /// A hinting fault that decides not to migrate, or a migration that is abandoned, makes the PMD
  /// accessible again. Who may do so, and under which lock, is the kernel's rule, not the
  /// contract: the spec allows it whenever hinting is armed.
  ///
  /// Kernel: `do_huge_pmd_numa_page` at `clear_pmdnuma` (`pmd_mknonnuma` / `pmd_modify`), the
  /// migrator's `out_fail`/`out_dropref` restore, v5.14's `out_map`, and a failed generic
  /// migration's `remove_migration_pmd` of the old page.
  public static let clearHinting = Action(
    .clearHinting,
    "A hinting fault that does not migrate, or an abandoned migration, makes the PMD accessible again.",
    kernel:
      "do_huge_pmd_numa_page: clear_pmdnuma / out_map; migrate_misplaced_transhuge_page: out_fail",
    requires: [Clause("hinting is armed", harm: .refinement) { s, _ in s.hinting }]
  ) { s, _ in s.hinting = false }
}
