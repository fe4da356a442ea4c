package dev.applc.lsp;

import java.util.function.Supplier;

/** A value computed the first time it is asked for, then kept. */
final class Lazy<T> implements Supplier<T> {
  private Supplier<T> compute;
  private T value;

  Lazy(Supplier<T> compute) {
    this.compute = compute;
  }

  @Override
  public synchronized T get() {
    if (compute != null) {
      value = compute.get();
      compute = null;
    }
    return value;
  }
}
