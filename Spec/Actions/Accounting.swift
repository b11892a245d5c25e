// NR_ISOLATED_ANON: raised for every isolation, lowered on every exit.

extension Action {
  /// NR_ISOLATED_ANON is raised by a huge page.
  ///
  /// Kernel: `mod_zone_page_state` / `mod_node_page_state(NR_ISOLATED_ANON, +HPAGE_PMD_NR)`.
  public static let countIsolated = Action(
    .countIsolated, "The isolated-page counter is raised.",
    kernel: "mod_node_page_state(NR_ISOLATED_ANON, +HPAGE_PMD_NR)"
  ) { s, _ in s.isolated &+= 1 }

  /// NR_ISOLATED_ANON is lowered by a huge page.
  ///
  /// Kernel: `mod_node_page_state(NR_ISOLATED_ANON, -HPAGE_PMD_NR)` on each exit path.
  public static let uncountIsolated = Action(
    .uncountIsolated, "The isolated-page counter is lowered.",
    kernel: "mod_node_page_state(NR_ISOLATED_ANON, -HPAGE_PMD_NR)",
    requires: [Clause("the counter is raised", harm: .refinement) { s, _ in s.isolated > 0 }]
  ) { s, _ in s.isolated &-= 1 }
}
