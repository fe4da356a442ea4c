package dev.applc.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.sbom.Artifact;
import dev.applc.sbom.BuiltImage;
import dev.applc.sbom.Package;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a finished build's SBOM is made of: the copied dpkg database, images/, the git commit. */
class ImageSbomTest {
  @TempDir Path tmp;

  private static final String STATUS =
      "Package: systemd\nStatus: install ok installed\nArchitecture: amd64\nVersion: 252.39-1\n\n"
          + "Package: usrmerge\nStatus: deinstall ok config-files\nArchitecture: all\n"
          + "Version: 37\n";

  @Test
  void readsTheDatabaseThePhasesCopiedAndHashesEveryImage() throws Exception {
    BuildEnvironment env = environment();
    Files.createDirectories(env.work().resolve("sbom"));
    Files.writeString(env.work().resolve(ImageSbom.DPKG_STATUS), STATUS);
    Files.writeString(env.images().resolve("disk.raw"), "disk");
    Path spec = Files.writeString(tmp.resolve("spec/minimal.appliance"), "applc 1\n");

    BuiltImage image = ImageSbom.describe(env, "minimal", "0.1.0", spec, "test");
    assertEquals(List.of(new Package("systemd", "252.39-1", "amd64")), image.packages());
    assertEquals(Optional.of("var/lib/dpkg/status"), image.packageDatabase());
    assertEquals(
        List.of(new Artifact("disk.raw", Artifact.sha256(env.images().resolve("disk.raw")), 1)),
        image.artifacts());
    assertEquals(1_700_000_000L, image.sourceDateEpoch());
    assertEquals(Optional.empty(), image.source(), "the spec is in no git repository");
  }

  @Test
  void aLinkInPlaceOfTheDatabaseIsNotFollowed() throws Exception {
    BuildEnvironment env = environment();
    Files.createDirectories(env.work().resolve("sbom"));
    Path elsewhere = Files.writeString(tmp.resolve("elsewhere"), STATUS);
    Files.createSymbolicLink(env.work().resolve(ImageSbom.DPKG_STATUS), elsewhere);
    BuiltImage image =
        ImageSbom.describe(env, "minimal", "0.1.0", tmp.resolve("spec/x.appliance"), "test");
    assertEquals(List.of(), image.packages());
    assertEquals(Optional.empty(), image.packageDatabase());
  }

  @Test
  void namesTheCommitOfTheSpecsRepositoryAndWhetherItsFolderChanged() throws Exception {
    Path repo = tmp.resolve("repo");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Path spec = Files.createDirectories(repo.resolve("specs/a")).resolve("a.appliance");
      Files.writeString(spec, "applc 1\n");
      git.add().addFilepattern(".").call();
      String commit =
          git.commit()
              .setMessage("a")
              .setAuthor("t", "t@example.org")
              .setCommitter("t", "t@example.org")
              .setSign(false)
              .call()
              .getName();
      // An output folder inside the spec's folder is untracked: not a change of the source.
      Files.createDirectories(repo.resolve("specs/a/out"));
      Files.writeString(repo.resolve("specs/a/out/x"), "x");
      assertEquals(
          Optional.of(new BuiltImage.Source(commit, "specs/a/a.appliance", false)),
          SourceRevision.of(spec));
      Files.writeString(spec, "applc 1\n# edited\n");
      assertTrue(SourceRevision.of(spec).orElseThrow().modified());
    }
  }

  private BuildEnvironment environment() throws Exception {
    Files.createDirectories(tmp.resolve("spec"));
    BuildEnvironment env =
        BuildEnvironment.in(
            tmp.resolve("out"),
            tmp.resolve("spec"),
            tmp.resolve("spec"),
            tmp.resolve("cache"),
            1_700_000_000L);
    Files.createDirectories(env.work());
    Files.createDirectories(env.images());
    return env;
  }
}
