// Who can reach the page without faulting: TLBs, secondary MMUs and GUP pins.

extension Action {
  /// A CPU's page walk, or a device's, loads a translation of the page.
  ///
  /// Kernel: the hardware walker (or the IOMMU's) reading a present PMD; never a hinting PMD.
  public static let fillTranslation = Action(
    .fillTranslation, "A CPU or device page walk loads a translation of the page.",
    kernel: "hardware page walk of a present PMD",
    requires: [
      Clause("the range is populated", harm: .refinement) { s, _ in s.populated },
      Clause("hinting is not armed", harm: .refinement) { s, _ in !s.hinting },
      Clause("the agent is a CPU or a device", harm: .refinement) { _, t in !t.agent.pins },
    ]
  ) { s, t in s[t.agent] = .page }

  /// TLB flushes and `->invalidate_range` drop translations; dropping one that is already gone
  /// changes nothing.
  ///
  /// Kernel: `flush_tlb_range`, `flush_pmd_tlb_range`, `pmdp_invalidate`'s flush (CPUs);
  /// `mmu_notifier_invalidate_range` and `->invalidate_range` from `invalidate_range_end`
  /// (the device).
  public static let dropTranslations = Action(
    .dropTranslations, "A TLB flush or secondary-MMU invalidation drops translations.",
    kernel: "flush_tlb_range / flush_pmd_tlb_range; mmu_notifier_invalidate_range"
  ) { s, t in
    for agent in Agent.allCases where !agent.pins && t.agents.has(agent) { s[agent] = .none }
  }

  /// A GUP pin is taken on the page: its holder may write the frame it pinned, whatever the PMD
  /// says later. Whether the pin honours hinting (FOLL_NUMA) is the kernel's rule.
  ///
  /// Kernel: `follow_trans_huge_pmd`'s `get_page` (slow GUP); fast GUP's speculative reference
  /// once its PMD re-check passes.
  public static let pin = Action(
    .pin, "get_user_pages pins the page.",
    kernel: "follow_trans_huge_pmd: get_page; gup_huge_pmd: page_cache_add_speculative + re-check",
    requires: [
      Clause("the range is populated", harm: .refinement) { s, _ in s.populated },
      Clause("the agent is a GUP user without a pin", harm: .refinement) { s, t in
        t.agent.pins && s[t.agent] == .none
      },
    ]
  ) { s, t in s[t.agent] = .page }

  /// The pin is dropped.
  ///
  /// Kernel: `put_page` after the I/O completes.
  public static let unpin = Action(
    .unpin, "The GUP user drops its pin.", kernel: "put_page",
    requires: [Clause("the agent is a GUP user", harm: .refinement) { _, t in t.agent.pins }]
  ) { s, t in s[t.agent] = .none }
}
