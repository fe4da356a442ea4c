package dev.applc.backends.phases;

import dev.applc.compiler.model.Appliance;
import java.util.Locale;
import java.util.Map;

/**
 * The size budget of the OS image, {@code build { max-size }}: the phase that makes the image (the
 * UKI of an OS in the initrd, else the root and /usr partition images) checks it with {@code
 * within_budget} from {@code max-size.ftl}.
 */
final class SizeBudget {
  private SizeBudget() {}

  /** Puts what {@code max-size.ftl} needs into a phase's model, when the spec has a budget. */
  static void put(Appliance a, Map<String, Object> m) {
    a.build()
        .maxSize()
        .ifPresent(
            bytes -> {
              m.put("maxSize", bytes);
              m.put("maxSizeText", text(bytes));
            });
  }

  /** A size as the spec would write it: 50M, 1G, or bytes. */
  static String text(long bytes) {
    String[] units = {"T", "G", "M", "K"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (10 * (units.length - i));
      if (bytes >= unit && bytes % unit == 0) {
        return String.format(Locale.ROOT, "%d%s", bytes / unit, units[i]);
      }
    }
    return Long.toString(bytes);
  }
}
