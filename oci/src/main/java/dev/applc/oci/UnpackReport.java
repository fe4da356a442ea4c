package dev.applc.oci;

import java.util.List;

/** What an unpack did: which manifest, how many layers and entries, and what it skipped. */
public record UnpackReport(Digest manifest, int layers, long entries, List<String> warnings) {
  public UnpackReport {
    warnings = List.copyOf(warnings);
  }
}
