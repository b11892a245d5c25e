// The range itself: discarded by MADV_DONTNEED, populated again by the next fault.

extension Action {
  /// MADV_DONTNEED discards the range: it reads as zero; translations and pins taken before it
  /// no longer concern the user.
  ///
  /// Kernel: `zap_huge_pmd`'s `pmdp_huge_get_and_clear_full` (or `zap_pmd_range` finding the PMD
  /// empty).
  public static let zap = Action(
    .zap, "MADV_DONTNEED discards the range.",
    kernel: "madvise_dontneed → zap_page_range → zap_huge_pmd"
  ) { s, _ in
    s.populated = false
    s.data = 0
    s.node = 0
    s.hinting = false
    s.migrating = false
    for agent in Agent.allCases where s[agent] == .page { s[agent] = .discarded }
  }

  /// A fault populates the empty range with a zero-filled huge page on `node`.
  ///
  /// Kernel: `do_huge_pmd_anonymous_page`'s `set_pmd_at`.
  public static let populate = Action(
    .populate, "A fault populates the empty range with a zeroed huge page.",
    kernel: "do_huge_pmd_anonymous_page: set_pmd_at",
    requires: [Clause("the range is empty", harm: .refinement) { s, _ in !s.populated }]
  ) { s, t in
    s.populated = true
    s.data = 0
    s.node = t.value
    s.hinting = false
  }
}
