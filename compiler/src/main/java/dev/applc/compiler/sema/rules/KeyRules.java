package dev.applc.compiler.sema.rules;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Key;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.sema.Suggest;
import dev.applc.compiler.source.SourceSpan;
import java.util.Optional;

/** Every key a spec refers to exists and has the parts its use needs. */
final class KeyRules implements Rule {
  @Override
  public void check(Appliance a, Diagnostics d) {
    for (Partition p : a.disk().partitions()) {
      if (p.derivedFrom().isEmpty()
          && p.slot().stream().allMatch(s -> s.equals(a.disk().slotNames().get(0)))) {
        p.verity()
            .key()
            .ifPresent(k -> use(a, k, p.origin().at("verity.0"), true, "sign verity", d));
      }
    }
    a.boot()
        .uki()
        .ifPresent(
            u ->
                u.signKey()
                    .ifPresent(k -> use(a, k, u.origin().at("sign"), true, "sign the UKI", d)));
    a.update()
        .ifPresent(
            u -> {
              u.signingKey()
                  .ifPresent(k -> use(a, k, u.origin().at("signing-key"), true, "sign updates", d));
              u.keyringKey()
                  .ifPresent(k -> use(a, k, u.origin().at("keyring"), false, "verify updates", d));
            });
  }

  private static void use(
      Appliance a, String name, SourceSpan at, boolean signs, String purpose, Diagnostics d) {
    Optional<Key> key = a.key(name);
    if (key.isEmpty()) {
      Diagnostic.Builder b =
          Diagnostic.error(Code.UNDEFINED_REFERENCE, at, "there is no `key` named `" + name + "`")
              .label("undefined key");
      Optional<String> near = Suggest.closest(name, a.keys().stream().map(Key::name).toList());
      if (near.isPresent()) {
        b.help("did you mean `" + near.get() + "`?")
            .fix("use `" + near.get() + "`", at, near.get());
      } else {
        b.help("declare it in the appliance: `key " + name + " { path = \"keys/" + name + "\" }`");
      }
      d.add(b);
      return;
    }
    Key k = key.get();
    boolean missingPrivate = signs && k.privateKey().isEmpty();
    if (missingPrivate || k.certificate().isEmpty()) {
      d.add(
          Diagnostic.error(
                  Code.KEY_WITHOUT_CERTIFICATE,
                  at,
                  "key `"
                      + name
                      + "` has no "
                      + (missingPrivate ? "private key" : "certificate")
                      + " to "
                      + purpose)
              .label("used to " + purpose)
              .related(k.origin().header(), "key `" + name + "` is declared here")
              .help(
                  "give the key `path = \"keys/"
                      + name
                      + "\"`, or its `"
                      + (missingPrivate ? "private-key" : "certificate")
                      + "`"));
    }
  }
}
