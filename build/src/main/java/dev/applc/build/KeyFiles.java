package dev.applc.build;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Key;
import dev.applc.compiler.source.SourceSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks, before a build runs anything, that every key file its phases read exists, so that a
 * missing key is reported at the spec's {@code key} block with the command that creates it, not
 * twenty minutes later as a failed {@code sbsign} in the middle of a phase.
 */
public final class KeyFiles {
  private KeyFiles() {}

  /** One error per missing file, in the order the phases first read them. */
  public static List<Diagnostic> missing(
      Appliance appliance, PhasePlan plan, Path keys, String specFile) {
    Map<String, List<String>> readers = new LinkedHashMap<>();
    for (PhasePlan.Step step : plan.steps()) {
      for (PhasePlan.Input input : step.inputs()) {
        if (input.root().equals("keys") && !Files.exists(keys.resolve(input.path()))) {
          List<String> phases = readers.computeIfAbsent(input.path(), p -> new ArrayList<>());
          if (!phases.contains(step.id())) {
            phases.add(step.id());
          }
        }
      }
    }
    // One error per key, naming all of its missing files; a file no key names (a keyring given
    // by path) is an error of its own.
    Map<String, Missing> byOwner = new LinkedHashMap<>();
    readers.forEach(
        (file, readBy) -> {
          Optional<Key> key = owner(appliance, file);
          Missing m =
              byOwner.computeIfAbsent(
                  key.map(Key::name).orElse("file " + file),
                  g ->
                      new Missing(
                          key.map(k -> "key `" + k.name() + "`: ").orElse(""),
                          key.map(k -> k.origin().header())
                              .or(() -> appliance.update().map(u -> u.origin().at("keyring")))
                              .orElse(appliance.origin().header()),
                          new ArrayList<>(),
                          new ArrayList<>()));
          m.files().add("`" + file + "`");
          readBy.stream().filter(p -> !m.phases().contains(p)).forEach(m.phases()::add);
        });
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (Missing m : byOwner.values()) {
      diagnostics.add(
          Diagnostic.error(
                  Code.KEY_FILE_MISSING,
                  m.span(),
                  m.subject()
                      + String.join(" and ", m.files())
                      + (m.files().size() == 1 ? " does" : " do")
                      + " not exist in "
                      + keys)
              .label("read by " + String.join(", ", m.phases()))
              .help(
                  "`applc keys "
                      + specFile
                      + "` creates the keys and certificates the spec names that do not exist"
                      + " yet; --keys DIR builds with keys kept elsewhere")
              .build());
    }
    return diagnostics;
  }

  /** The missing files of one key (or one file no key names), while they are collected. */
  private record Missing(
      String subject, SourceSpan span, List<String> files, List<String> phases) {}

  private static Optional<Key> owner(Appliance appliance, String file) {
    return appliance.keys().stream()
        .filter(
            k ->
                k.privateKey().filter(file::equals).isPresent()
                    || k.certificate().filter(file::equals).isPresent())
        .findFirst();
  }
}
