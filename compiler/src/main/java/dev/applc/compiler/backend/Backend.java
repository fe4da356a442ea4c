package dev.applc.compiler.backend;

/**
 * Turns a checked appliance into files of one format (repart definitions, RAUC config, ...).
 * Backends write into the {@link OutputTree} of their context and report what the target cannot do
 * as diagnostics there; they never fail with exceptions for user errors.
 */
public interface Backend {
  /** A short name, such as {@code repart}; also the folder most of its files go to. */
  String id();

  void generate(BackendContext context);
}
