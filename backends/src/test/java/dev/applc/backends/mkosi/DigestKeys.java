package dev.applc.backends.mkosi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings each section of a mkosi configuration has, per dialect, as the reference digest
 * {@code mkosi.md} lists them (section 2 for current mkosi, section 4 for mkosi 14; mkosi 14's
 * {@code [Distribution]} keys from its own parser). mkosi 25 cannot be installed on the build
 * machine, so the current dialect is checked against this list; mkosi 14 ignores sections, so its
 * trees are checked against it too, on top of its own parser.
 */
final class DigestKeys {
  private DigestKeys() {}

  static final Map<String, Set<String>> CURRENT = new LinkedHashMap<>();
  static final Map<String, Set<String>> V14 = new LinkedHashMap<>();

  static {
    put(
        CURRENT,
        "Distribution",
        "Distribution Release Architecture Mirror Snapshot LocalMirror RepositoryKeyCheck"
            + " RepositoryKeyFetch Repositories");
    put(
        CURRENT,
        "Output",
        "Format Output OutputDirectory ImageId ImageVersion SplitArtifacts RepartDirectories"
            + " CompressOutput ManifestFormat SectorSize Overlay Seed CleanScripts OutputMode"
            + " OutputExtension OutputSize CompressLevel");
    put(
        CURRENT,
        "Content",
        "Packages BuildPackages VolatilePackages PackageDirectories WithRecommends WithDocs"
            + " BaseTrees SkeletonTrees ExtraTrees RemovePackages RemoveFiles CleanPackageMetadata"
            + " SourceDateEpoch SyncScripts PrepareScripts BuildScripts PostInstallationScripts"
            + " FinalizeScripts PostOutputScripts Bootable Bootloader BiosBootloader"
            + " ShimBootloader UnifiedKernelImages UnifiedKernelImageFormat"
            + " UnifiedKernelImageProfiles Initrds InitrdProfiles InitrdPackages"
            + " InitrdVolatilePackages Devicetrees Splash MicrocodeHost KernelCommandLine"
            + " KernelModules KernelInitrdModules FirmwareFiles Locale Keymap Timezone Hostname"
            + " RootShell RootPassword Autologin MakeInitrd Ssh SELinuxRelabel MachineId");
    put(
        CURRENT,
        "Validation",
        "SecureBoot SecureBootAutoEnroll SecureBootKey SecureBootCertificate SecureBootSignTool"
            + " Verity VerityKey VerityCertificate SignExpectedPcr SignExpectedPcrKey"
            + " SignExpectedPcrCertificate Passphrase Checksum Sign OpenPGPTool Key");
    put(
        CURRENT,
        "Build",
        "ToolsTree ToolsTreeDistribution ToolsTreeRelease ToolsTreeProfiles ToolsTreeMirror"
            + " ToolsTreeRepositories ToolsTreePackages Incremental CacheOnly CacheDirectory"
            + " PackageCacheDirectory BuildDirectory WorkspaceDirectory SandboxTrees RepartOffline"
            + " UseSubvolumes History BuildSources BuildSourcesEphemeral Environment"
            + " EnvironmentFiles WithTests WithNetwork ExtraSearchPaths");
    put(
        CURRENT,
        "Runtime",
        "NSpawnSettings VirtualMachineMonitor Console CPUs RAM KVM VSock TPM Firmware Drives"
            + " QemuArgs Ephemeral Credentials KernelCommandLineExtra RuntimeTrees RuntimeSize"
            + " RuntimeNetwork BindUser SshKey SshCertificate Register ForwardJournal"
            + " SysupdateDirectory");
    put(CURRENT, "Config", "Profiles Dependencies MinimumVersion ConfigureScripts PassEnvironment");

    put(V14, "Distribution", "Distribution Release Architecture Mirror");
    put(
        V14,
        "Output",
        "Format Output OutputSplitRoot OutputSplitVerity OutputSplitKernel OutputDirectory"
            + " WorkspaceDirectory Force GPTFirstLBA Bootable KernelCommandLine SecureBoot"
            + " SecureBootKey SecureBootCertificate SecureBootCommonName SecureBootValidDays"
            + " ReadOnly Minimize Encrypt Verity SignExpectedPCR CompressFs CompressOutput"
            + " Compress Mksquashfs Hostname ImageVersion ImageId WithUnifiedKernelImages"
            + " HostonlyInitrd CacheInitrd UsrOnly SplitArtifacts NoChown"
            + " TarStripSELinuxContext MachineID");
    put(
        V14,
        "Content",
        "BasePackages Packages WithDocs WithTests Cache SkeletonTree ExtraTree"
            + " CleanPackageMetadata RemoveFiles RemovePackages Environment BuildSources"
            + " BuildDirectory IncludeDirectory InstallDirectory BuildPackages Password"
            + " PasswordIsHashed Autologin SkipFinalPhase BuildScript PrepareScript"
            + " PostInstallationScript FinalizeScript SourceFileTransfer SourceFileTransferFinal"
            + " SourceResolveSymlinks WithNetwork Settings");
    put(V14, "Partitions", "BaseImage RootSize ESPSize SwapSize HomeSize SrvSize");
    put(V14, "Validation", "Checksum Sign Key BMap");
  }

  private static void put(Map<String, Set<String>> map, String section, String keys) {
    map.put(section, new LinkedHashSet<>(List.of(keys.split(" "))));
  }

  private static final Pattern SECTION = Pattern.compile("\\[([A-Za-z]+)\\]");
  private static final Pattern SETTING = Pattern.compile("([A-Za-z0-9]+)=(.*)");
  private static final Pattern SPECIFIER = Pattern.compile("%(.?)");
  private static final String SPECIFIERS = "%dratoOivCPDIF";

  /**
   * What is wrong with a configuration file in a dialect: lines that are no comment, section,
   * setting or continuation; sections and keys the digest does not have; a section or a key in one
   * section written twice (mkosi 14's configparser refuses both); in the current dialect, a {@code
   * %} that starts no known specifier.
   */
  static List<String> problems(String text, Dialect dialect) {
    Map<String, Set<String>> known = dialect == Dialect.V14 ? V14 : CURRENT;
    List<String> problems = new ArrayList<>();
    Set<String> sections = new LinkedHashSet<>();
    Set<String> keys = new LinkedHashSet<>();
    String section = null;
    boolean inValue = false;
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isEmpty()) {
        inValue = false;
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0))) {
        if (!inValue || line.strip().isEmpty()) {
          problems.add(n + ": continuation line outside a setting: " + line);
        }
        specifiers(line, dialect, n, problems);
        continue;
      }
      Matcher s = SECTION.matcher(line);
      if (s.matches()) {
        section = s.group(1);
        keys = new LinkedHashSet<>();
        inValue = false;
        if (!known.containsKey(section)) {
          problems.add(n + ": unknown section [" + section + "]");
        }
        if (!sections.add(section)) {
          problems.add(n + ": section [" + section + "] twice");
        }
        continue;
      }
      Matcher kv = SETTING.matcher(line);
      if (!kv.matches() || section == null) {
        problems.add(n + ": not a setting: " + line);
        continue;
      }
      String key = kv.group(1);
      inValue = true;
      if (known.containsKey(section) && !known.get(section).contains(key)) {
        problems.add(n + ": [" + section + "] has no " + key + "=");
      }
      if (!keys.add(key)) {
        problems.add(n + ": " + key + "= twice in [" + section + "]");
      }
      specifiers(kv.group(2), dialect, n, problems);
    }
    return problems;
  }

  private static void specifiers(String value, Dialect dialect, int n, List<String> problems) {
    if (dialect != Dialect.CURRENT) {
      return;
    }
    Matcher m = SPECIFIER.matcher(value);
    while (m.find()) {
      if (m.group(1).isEmpty() || SPECIFIERS.indexOf(m.group(1).charAt(0)) < 0) {
        problems.add(n + ": unknown specifier %" + m.group(1) + " in " + value);
      }
    }
  }
}
