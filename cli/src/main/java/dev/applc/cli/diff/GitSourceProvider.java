package dev.applc.cli.diff;

import dev.applc.compiler.source.SourceProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Spec files as they are at a git revision, read from the repository's object store: the work tree
 * and the index are never read or written. Names are paths relative to the root of the work tree
 * ({@code specs/minimal/minimal.appliance}); {@code std:} names come from the classpath, as they do
 * for files on disk.
 */
public final class GitSourceProvider implements SourceProvider, AutoCloseable {
  /** Spec files are small; a blob larger than this is not one. */
  private static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

  private static final int MAX_SYMLINKS = 16;

  private final Repository repository;
  private final ObjectReader reader;
  private final Path workTree;
  private final String revision;
  private final RevCommit commit;
  private final RevTree tree;

  private GitSourceProvider(
      Repository repository, Path workTree, String revision, RevCommit commit) {
    this.repository = repository;
    this.reader = repository.newObjectReader();
    this.workTree = workTree;
    this.revision = revision;
    this.commit = commit;
    this.tree = commit.getTree();
  }

  /** Why a revision cannot be read: no repository around the spec, or no such revision in it. */
  public static final class RevisionException extends Exception {
    private static final long serialVersionUID = 1L;

    public RevisionException(String message) {
      super(message);
    }
  }

  /**
   * Opens the repository around {@code folder} (that folder or one above it holds {@code .git}) at
   * {@code revision}: anything git accepts that names a commit, such as {@code HEAD~1}, {@code
   * main}, {@code v1.2} or a commit id.
   */
  public static GitSourceProvider open(Path folder, String revision)
      throws RevisionException, IOException {
    Optional<Repository> found = find(folder);
    if (found.isEmpty()) {
      throw new RevisionException("the spec is not in a git repository");
    }
    Repository repository = found.get();
    try {
      ObjectId id;
      try {
        id = repository.resolve(revision + "^{commit}");
      } catch (RevisionSyntaxException | IOException e) {
        id = null; // Ambiguous, malformed or not a commit: to the user, not a revision here.
      }
      if (id == null) {
        throw new RevisionException("unknown revision `" + revision + "`: no commit has that name");
      }
      RevCommit commit;
      try (RevWalk walk = new RevWalk(repository)) {
        commit = walk.parseCommit(id);
      }
      Path workTree = repository.getWorkTree().toPath().toRealPath();
      return new GitSourceProvider(repository, workTree, revision, commit);
    } catch (RevisionException | IOException | RuntimeException e) {
      repository.close();
      throw e;
    }
  }

  /** The root of the work tree around {@code folder}, if it is in one (a real path). */
  public static Optional<Path> workTreeAround(Path folder) throws IOException {
    Optional<Repository> found = find(folder);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    try (Repository repository = found.get()) {
      return Optional.of(repository.getWorkTree().toPath().toRealPath());
    }
  }

  private static Optional<Repository> find(Path folder) throws IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(folder.toFile());
    if (builder.getGitDir() == null) {
      return Optional.empty();
    }
    Repository repository = builder.setMustExist(true).build();
    if (repository.isBare()) {
      repository.close();
      return Optional.empty(); // A bare repository has no work tree to name specs in.
    }
    return Optional.of(repository);
  }

  /** The root of the work tree: names are relative to it (a real path). */
  public Path workTree() {
    return workTree;
  }

  /** The revision as the user wrote it. */
  public String revision() {
    return revision;
  }

  /** The commit's id, abbreviated as git would (seven digits unless more are needed). */
  public String commitId() throws IOException {
    return reader.abbreviate(commit, 7).name();
  }

  /** Whether the revision has a file of that name (text or not). */
  public boolean exists(String name) throws IOException {
    if (name.startsWith(STD_SCHEME)) {
      return SourceProvider.standardLibrary(name).isPresent();
    }
    return blob(name).isPresent();
  }

  @Override
  public Optional<String> read(String name) throws IOException {
    if (name.startsWith(STD_SCHEME)) {
      return SourceProvider.standardLibrary(name);
    }
    Optional<ObjectId> blob = blob(name);
    if (blob.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = reader.open(blob.get(), Constants.OBJ_BLOB).getCachedBytes(MAX_FILE_BYTES);
    } catch (LargeObjectException e) {
      throw new IOException("`" + name + "` is larger than a spec file can be", e);
    }
    // As strict as reading from disk: a file that is not UTF-8 is reported, not garbled.
    return Optional.of(
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString());
  }

  /** The blob a name has at the revision, following symbolic links inside the repository. */
  private Optional<ObjectId> blob(String name) throws IOException {
    Optional<String> path = normalize("", name);
    for (int hops = 0; path.isPresent() && hops <= MAX_SYMLINKS; hops++) {
      try (TreeWalk walk = TreeWalk.forPath(reader, path.get(), tree)) {
        if (walk == null) {
          return Optional.empty();
        }
        FileMode mode = walk.getFileMode(0);
        if (mode.equals(FileMode.REGULAR_FILE) || mode.equals(FileMode.EXECUTABLE_FILE)) {
          return Optional.of(walk.getObjectId(0));
        }
        if (!mode.equals(FileMode.SYMLINK)) {
          return Optional.empty(); // A folder or a submodule is not a spec file.
        }
        String target =
            new String(
                reader.open(walk.getObjectId(0)).getCachedBytes(4096), StandardCharsets.UTF_8);
        int slash = path.get().lastIndexOf('/');
        path = normalize(slash < 0 ? "" : path.get().substring(0, slash), target);
      }
    }
    return Optional.empty();
  }

  /**
   * A path inside the repository, {@code name} read relative to the folder {@code dir}; empty when
   * it is absolute or leads out of the repository (at a revision, nothing is there).
   */
  static Optional<String> normalize(String dir, String name) {
    if (name.startsWith("/") || name.isEmpty()) {
      return Optional.empty();
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String part : (dir + "/" + name).split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
  }

  @Override
  public void close() {
    reader.close();
    repository.close();
  }
}
