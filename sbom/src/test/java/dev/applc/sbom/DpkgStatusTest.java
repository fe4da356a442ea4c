package dev.applc.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DpkgStatusTest {
  @Test
  void readsEveryInstalledPackageSortedByNameAndArchitecture() {
    assertEquals(
        List.of(
            new Package("adduser", "3.134", "all"),
            new Package("libc6", "2.36-9+deb12u9", "amd64"),
            new Package("libc6", "2.36-9+deb12u9", "i386"),
            new Package("libgcrypt20", "1:1.10.1-3", "amd64"),
            new Package("linux-image-6.1.0-28-amd64", "6.1.119-1", "amd64"),
            new Package("linux-image-amd64", "6.1.119-1", "amd64"),
            new Package("systemd", "252.33-1~deb12u1", "amd64"),
            new Package("util-linux", "2.38.1-5+deb12u3", "amd64")),
        DpkgStatus.installed(Fixtures.status()));
  }

  @Test
  void leavesOutPackagesThatAreNotInstalled() {
    // usrmerge: removed, its configuration left; perl: purged; udev: half-installed.
    List<String> names =
        DpkgStatus.installed(Fixtures.status()).stream().map(Package::name).toList();
    assertEquals(
        List.of(), names.stream().filter(List.of("usrmerge", "perl", "udev")::contains).toList());
  }

  @Test
  void continuationLinesBelongToTheirFieldAndAreNoFieldsOfTheirOwn() {
    var systemd = DpkgStatus.paragraphs(Fixtures.status()).get(0);
    assertEquals("252.33-1~deb12u1", systemd.get("version"));
    assertEquals(
        "system and service manager\nsystemd is a system and service manager for Linux. It"
            + " provides aggressive",
        systemd.get("description").lines().limit(2).reduce((a, b) -> a + "\n" + b).get());
    assertEquals(
        "\n/etc/systemd/journald.conf 1d3ae4ac2d3e8a5b3b8b7b9e1f0e4a1c"
            + "\n/etc/systemd/logind.conf 2a2b5c8e9f1d3c4b5a6e7f8091a2b3c4",
        systemd.get("conffiles"));
    assertEquals("https://www.freedesktop.org/wiki/Software/systemd", systemd.get("homepage"));
  }

  @Test
  void paragraphsAreSeparatedByBlankLinesWhateverTheLineEndings() {
    String text =
        "Package: a\r\nStatus: install ok installed\r\nVersion: 1\r\nArchitecture: all\r\n"
            + "\r\n\r\n"
            + "Package: b\nStatus: install ok installed\nVersion: 2\nArchitecture: amd64\n \n"
            + "Package: c\nStatus: install ok installed\nVersion: 3\nArchitecture: arm64\n";
    assertEquals(
        List.of(
            new Package("a", "1", "all"),
            new Package("b", "2", "amd64"),
            new Package("c", "3", "arm64")),
        DpkgStatus.installed(text));
  }

  @Test
  void anEmptyDatabaseHasNoPackages() {
    assertEquals(List.of(), DpkgStatus.installed(""));
  }
}
