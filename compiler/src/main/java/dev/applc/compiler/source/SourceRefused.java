package dev.applc.compiler.source;

import dev.applc.compiler.diag.Code;
import java.io.IOException;

/**
 * A file a provider will not read because of where or what it is (outside the project, a device,
 * too large), as opposed to a file that does not exist. The loader reports it at the import.
 */
public final class SourceRefused extends IOException {
  private final Code code;
  private final String label;
  private final String help;

  public SourceRefused(Code code, String message, String label, String help) {
    super(message);
    this.code = code;
    this.label = label;
    this.help = help;
  }

  public Code code() {
    return code;
  }

  public String label() {
    return label;
  }

  public String help() {
    return help;
  }
}
