package dev.applc.build;

import dev.applc.sbom.BuiltImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The git commit a spec is built from, for the SBOM: {@code HEAD} of the repository around the
 * spec's folder, the spec's path in it, and whether the spec's folder has uncommitted changes
 * (untracked files, such as an output folder inside it, do not count).
 */
public final class SourceRevision {
  private SourceRevision() {}

  public static Optional<BuiltImage.Source> of(Path specFile) {
    Path spec = specFile.toAbsolutePath().normalize();
    Path specDir = spec.getParent();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(specDir.toFile());
    if (builder.getGitDir() == null) {
      return Optional.empty();
    }
    try (Repository repo = builder.build();
        Git git = new Git(repo)) {
      ObjectId head = repo.resolve("HEAD^{commit}");
      if (head == null || repo.isBare()) {
        return Optional.empty();
      }
      Path top = repo.getWorkTree().toPath().toAbsolutePath().normalize();
      String file = top.relativize(spec).toString().replace('\\', '/');
      String folder = top.relativize(specDir).toString().replace('\\', '/');
      var status = git.status();
      if (!folder.isEmpty()) {
        status.addPath(folder);
      }
      boolean modified = status.call().hasUncommittedChanges();
      return Optional.of(new BuiltImage.Source(head.name(), file, modified));
    } catch (IOException | GitAPIException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
