package dev.applc.build;

import dev.applc.compiler.model.BuildSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The SOURCE_DATE_EPOCH of a build: the spec's {@code source-date}; else, when the spec takes it
 * from git, the time of the last commit that touched the spec's folder (so that commits elsewhere
 * in the repository do not invalidate the cache); else the environment's; else 0.
 */
public final class SourceDate {
  private SourceDate() {}

  public static long of(BuildSettings build, Path specDir) {
    if (build.sourceDateEpoch().isPresent()) {
      return build.sourceDateEpoch().get();
    }
    if (build.sourceDateFromGit()) {
      Long fromGit = lastCommit(specDir);
      if (fromGit != null) {
        return fromGit;
      }
    }
    String env = System.getenv("SOURCE_DATE_EPOCH");
    if (env != null && env.matches("[0-9]{1,12}")) {
      return Long.parseLong(env);
    }
    return 0;
  }

  private static Long lastCommit(Path specDir) {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(specDir.toFile());
    if (builder.getGitDir() == null) {
      return null;
    }
    try (Repository repo = builder.build();
        Git git = new Git(repo)) {
      Path top = repo.getWorkTree().toPath().toAbsolutePath().normalize();
      String relative = top.relativize(specDir.toAbsolutePath().normalize()).toString();
      var log = git.log();
      if (!relative.isEmpty()) {
        log.addPath(relative.replace('\\', '/'));
      }
      Iterator<RevCommit> it = log.setMaxCount(1).call().iterator();
      return it.hasNext() ? (long) it.next().getCommitTime() : null;
    } catch (IOException | GitAPIException | RuntimeException e) {
      return null;
    }
  }
}
