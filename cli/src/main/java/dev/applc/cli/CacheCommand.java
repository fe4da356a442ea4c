package dev.applc.cli;

import dev.applc.build.Cache;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code applc cache prune}: keep the build cache within bounds. */
@Command(
    name = "cache",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Look after the cache of `applc build`'s checkpoints.",
    subcommands = {CacheCommand.Prune.class})
final class CacheCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is needed: prune");
  }

  /** Which cache: given directly, or the default one of an output folder. */
  static final class Where {
    @Option(
        names = "--cache",
        paramLabel = "DIR",
        required = true,
        description = "The cache folder (what `applc build --cache` was given).")
    Path cache;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "OUT",
        required = true,
        description = "An `applc build` output folder: its cache, OUT/cache.")
    Path out;

    Path folder() {
      return cache != null ? cache : out.resolve("cache");
    }
  }

  /** How much to keep. */
  static final class HowMuch {
    @Option(
        names = "--keep",
        paramLabel = "N",
        required = true,
        description = "Keep the N most recently used checkpoints.")
    Integer keep;

    @Option(
        names = "--max-size",
        paramLabel = "SIZE",
        required = true,
        description =
            "Keep the most recently used checkpoints that fit in SIZE (bytes, or with K, M, G or"
                + " T, such as 5G).")
    String maxSize;
  }

  @Command(
      name = "prune",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description =
          "Remove the least recently used checkpoints from a build cache, and what stopped builds"
              + " left half-copied. A build that needs a removed checkpoint runs its phases"
              + " again.")
  static final class Prune implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin Output output;

    @ArgGroup(multiplicity = "1")
    Where where;

    @ArgGroup(multiplicity = "1")
    HowMuch howMuch;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintWriter err = spec.commandLine().getErr();
      Cache.Limit limit;
      if (howMuch.keep != null) {
        if (howMuch.keep < 0) {
          throw new ParameterException(spec.commandLine(), "--keep is 0 or more");
        }
        limit = new Cache.Limit.Count(howMuch.keep);
      } else {
        try {
          limit = new Cache.Limit.Size(Cache.parseSize(howMuch.maxSize));
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), "--max-size: " + e.getMessage());
        }
      }
      Path cache = where.folder();
      if (!Files.isDirectory(cache)) {
        err.println("error: " + cache + " is not a folder");
        err.println("  = help: give the folder `applc build --cache` was given, or -o OUT");
        err.flush();
        return 1;
      }
      Cache.Pruned pruned = Cache.prune(cache, limit);
      for (Cache.Checkpoint c : pruned.removed()) {
        err.println(
            "removed "
                + c.dir().getFileName()
                + " ("
                + Cache.describe(c.bytes())
                + ", last used "
                + c.lastUsed()
                + ")");
      }
      err.println(
          "removed "
              + count(pruned.removed().size())
              + " ("
              + Cache.describe(pruned.removedBytes())
              + ")"
              + (pruned.leftovers() == 0
                  ? ""
                  : " and " + pruned.leftovers() + " left half-copied by stopped builds")
              + "; kept "
              + count(pruned.kept().size())
              + " ("
              + Cache.describe(pruned.keptBytes())
              + ")");
      err.flush();
      return 0;
    }

    private static String count(int n) {
      return n == 1 ? "1 checkpoint" : n + " checkpoints";
    }
  }
}
