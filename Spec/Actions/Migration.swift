// Placement: at most one migration in flight; it commits or is abandoned.

extension Action {
  /// The page is isolated for migration to another node. (Isolating a frame that is no longer
  /// the page — discarded, or already migrated away — is a stutter: it migrates nothing the user
  /// can see.)
  ///
  /// Kernel: `numamigrate_isolate_page` → `isolate_lru_page`.
  public static let beginMigration = Action(
    .beginMigration, "The page is isolated for migration; at most one migration is in flight.",
    kernel: "numamigrate_isolate_page: isolate_lru_page",
    requires: [Clause("no migration is in flight", harm: .refinement) { s, _ in !s.migrating }]
  ) { s, _ in s.migrating = true }

  /// The PMD is switched to a copy of the page on another frame: the page now lives on `node`,
  /// its data unchanged, hinting disarmed, the migration over (what is left of the old frame is
  /// the migrator's to release), and every translation and pin of the old frame no longer reaches
  /// it (those that predate a discard stay discarded).
  ///
  /// Kernel: the `set_pmd_at` of the new frame in `migrate_misplaced_transhuge_page` (v3.8–v5.13)
  /// or in `remove_migration_pmd` (v5.14+).
  public static let commitMigration = Action(
    .commitMigration, "The PMD switches to the copy: the page moves, its data unchanged.",
    kernel: "migrate_misplaced_transhuge_page / remove_migration_pmd: set_pmd_at(new)",
    requires: [
      Clause("the range was not discarded by MADV_DONTNEED", harm: .zapIgnored) { s, _ in
        s.populated
      },
      Clause("a migration is in flight", harm: .refinement) { s, _ in s.migrating },
    ]
  ) { s, t in
    s.node = t.value
    s.migrating = false
    s.hinting = false
    for agent in Agent.allCases where s[agent] == .page { s[agent] = .none }
  }

  /// An abandoned migration ends: the page goes back on the LRU. (Putting back a frame that is no
  /// longer the page is a stutter.)
  ///
  /// Kernel: `putback_lru_page(page)` on the failure paths.
  public static let endMigration = Action(
    .endMigration, "An abandoned migration ends: the page is no longer isolated.",
    kernel: "putback_lru_page(page)",
    requires: [Clause("a migration is in flight", harm: .refinement) { s, _ in s.migrating }]
  ) { s, _ in s.migrating = false }
}
