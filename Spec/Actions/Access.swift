// What users do with the page: write it and read it.

extension Action {
  /// A user write through a translation or a pin becomes the page's data; a write through one
  /// that predates MADV_DONTNEED goes nowhere the user cares about.
  ///
  /// Kernel: a store through the TLB or the device's translation; DMA into a pinned frame.
  public static let write = Action(
    .write, "A write through a translation or a pin becomes the page's contents.",
    kernel: "user store via TLB / secondary MMU; DMA into a GUP-pinned frame",
    requires: [
      Clause(
        "the writer reaches the page (else the write lands in a frame that is no longer the page)",
        harm: .lostWrite
      ) { s, t in
        s[t.agent] != .none
      }
    ]
  ) { s, t in
    if s[t.agent] == .page { s.data = t.value }
  }

  /// A read returns the last write (zero if the range is empty), unless it goes through a
  /// translation that predates MADV_DONTNEED.
  ///
  /// Kernel: a load through the TLB or the device's translation.
  public static let read = Action(
    .read, "A read returns the last write.",
    kernel: "user load via TLB",
    requires: [
      Clause("the value read is the last write", harm: .staleRead) { s, t in
        s[t.agent] == .discarded || t.value == (s.populated ? s.data : 0)
      }
    ]
  ) { _, _ in }
}
