package dev.applc.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PackageChangesTest {
  @Test
  void namesAddedRemovedAndChangedPackagesInOrderOfName() {
    List<Package> old =
        List.of(
            new Package("libc6", "2.36-9+deb12u8", "amd64"),
            new Package("systemd", "252.33-1~deb12u1", "amd64"),
            new Package("usrmerge", "37~deb12u1", "all"));
    List<Package> now =
        List.of(
            new Package("curl", "7.88.1-10+deb12u8", "amd64"),
            new Package("libc6", "2.36-9+deb12u9", "amd64"),
            new Package("systemd", "252.33-1~deb12u1", "amd64"));
    PackageChanges changes = PackageChanges.between(old, now);
    assertEquals(
        List.of(
            new PackageChanges.Change("curl", "amd64", null, "7.88.1-10+deb12u8"),
            new PackageChanges.Change("libc6", "amd64", "2.36-9+deb12u8", "2.36-9+deb12u9"),
            new PackageChanges.Change("usrmerge", "all", "37~deb12u1", null)),
        changes.changes());
    assertEquals(1, changes.unchanged());
    assertEquals(1, changes.count(PackageChanges.Kind.ADDED));
    assertEquals(1, changes.count(PackageChanges.Kind.REMOVED));
    assertEquals(1, changes.count(PackageChanges.Kind.CHANGED));
  }

  @Test
  void thePackageOfAnotherArchitectureIsAnotherPackage() {
    PackageChanges changes =
        PackageChanges.between(
            List.of(new Package("libc6", "2.36", "amd64")),
            List.of(new Package("libc6", "2.36", "amd64"), new Package("libc6", "2.36", "i386")));
    assertEquals(
        List.of(new PackageChanges.Change("libc6", "i386", null, "2.36")), changes.changes());
  }

  @Test
  void theSameImageHasNoChanges() {
    List<Package> packages = DpkgStatus.installed(Fixtures.status());
    PackageChanges changes = PackageChanges.between(packages, packages);
    assertTrue(changes.isEmpty());
    assertEquals(packages.size(), changes.unchanged());
  }
}
