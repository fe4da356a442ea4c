package dev.applc.lifecycle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One run of QEMU on the test disk, and the test agent's channel into it. The guest reboots inside
 * the same QEMU; only a power cut ends the process, and {@link #close()} always does, so that no
 * QEMU is left behind. The serial console goes to a log file, for evidence and for failures.
 */
final class Guest implements AutoCloseable {
  /** The agent's greeting at every boot. */
  record Hello(String version, String slot, String partition, String bootId) {}

  /** A command's output lines and exit code. */
  record Reply(List<String> lines, int exit) {
    boolean ok() {
      return exit == 0;
    }

    String text() {
      return String.join("\n", lines);
    }
  }

  /** Thrown when the guest does not answer in time or QEMU ends; the message says which. */
  static final class Lost extends Exception {
    private static final long serialVersionUID = 1L;

    Lost(String message) {
      super(message);
    }
  }

  private final Process qemu;
  private final Path console;
  private Path transcript;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private SocketChannel channel;
  private int nextId = 1;

  private Guest(Process qemu, Path console) {
    this.qemu = qemu;
    this.console = console;
  }

  /** Starts QEMU with {@code command}, whose agent channel is the socket {@code socket}. */
  static Guest start(List<String> command, Path socket, Path console)
      throws IOException, InterruptedException, Lost {
    Files.deleteIfExists(socket);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    Guest g = new Guest(pb.start(), console);
    g.qemu.getOutputStream().close();
    Runtime.getRuntime().addShutdownHook(new Thread(g.qemu::destroyForcibly));
    g.connect(socket);
    return g;
  }

  private void connect(Path socket) throws IOException, InterruptedException, Lost {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      if (!qemu.isAlive()) {
        throw new Lost("QEMU ended at start: " + tail());
      }
      try {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(socket));
        channel = c;
        break;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new Lost("no agent socket from QEMU: " + e.getMessage());
        }
        Thread.sleep(100);
      }
    }
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    Thread reader =
        new Thread(
            () -> {
              try {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // The channel closes with QEMU.
              }
            },
            "applc-test-agent");
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits for the agent's next greeting: the guest (re)booted that far. */
  Hello awaitHello(long seconds) throws InterruptedException, Lost {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      String line = next(deadline, "the agent's greeting");
      if (line.startsWith("@hello ")) {
        String version = field(line, "version");
        return new Hello(version, field(line, "slot"), field(line, "part"), field(line, "boot"));
      }
    }
  }

  /**
   * Waits for a boot of {@code version}, letting boots of other versions pass: a version whose
   * health check fails may well boot far enough to start the agent before its check fails and the
   * device reboots (a session that fails three starts takes seconds), and rolling back means
   * waiting through those boots.
   */
  Hello awaitHelloFrom(String version, long seconds) throws InterruptedException, Lost {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      long left = TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime());
      if (left <= 0) {
        throw new Lost("no boot of version " + version + " within " + seconds + " s");
      }
      Hello hello = awaitHello(left);
      if (hello.version().equals(version)) {
        return hello;
      }
    }
  }

  /** Runs {@code command} in the guest and waits for its end. */
  Reply run(String command, long seconds) throws IOException, InterruptedException, Lost {
    if (command.contains("\n")) {
      throw new IllegalArgumentException("one line: " + command);
    }
    int id = nextId++;
    write(id, command);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<String> out = new ArrayList<>();
    String prefix = "@" + id + " ";
    String end = "@" + id + "=";
    while (true) {
      String line = next(deadline, "`" + command + "`");
      if (line.startsWith(prefix)) {
        out.add(line.substring(prefix.length()));
      } else if (line.startsWith(end)) {
        Reply reply = new Reply(out, Integer.parseInt(line.substring(end.length()).trim()));
        record(command, reply);
        return reply;
      }
    }
  }

  /** Keeps every command and its reply in {@code file}, the evidence behind the results. */
  void transcript(Path file) {
    transcript = file;
  }

  private void record(String command, Reply reply) throws IOException {
    if (transcript == null) {
      return;
    }
    StringBuilder b = new StringBuilder("$ ").append(command).append('\n');
    reply.lines().forEach(l -> b.append(l).append('\n'));
    b.append("(exit ").append(reply.exit()).append(")\n");
    Files.writeString(
        transcript,
        b,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Sends a command and returns at once: for a reboot, or an install to cut. */
  void send(String command) throws IOException {
    write(nextId++, command);
  }

  /**
   * Writes on the channel itself: a stream from Channels would wait for the channel's blocking
   * lock, which the reader's stream holds while it waits for the guest.
   */
  private void write(int id, String command) throws IOException {
    ByteBuffer b = ByteBuffer.wrap((id + " " + command + "\n").getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  /** Waits for a line of output that contains {@code text}, from any command. */
  String awaitOutput(String text, long seconds) throws InterruptedException, Lost {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      String line = next(deadline, "output with `" + text + "`");
      if (line.contains(text)) {
        return line;
      }
    }
  }

  private String next(long deadline, String what) throws InterruptedException, Lost {
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new Lost("no " + what + " from the guest in time; console: " + tail());
      }
      String line = lines.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
      if (line != null) {
        return line;
      }
      if (!qemu.isAlive() && lines.isEmpty()) {
        throw new Lost("QEMU ended while waiting for " + what + "; console: " + tail());
      }
    }
  }

  /** How many lines the console has so far: a mark for {@link #consoleLinesSince}. */
  int consoleMark() throws IOException {
    return Files.readAllLines(console, StandardCharsets.ISO_8859_1).size();
  }

  /** The console lines after {@code mark} that contain {@code text}. */
  List<String> consoleLinesSince(int mark, String text) throws IOException {
    List<String> all = Files.readAllLines(console, StandardCharsets.ISO_8859_1);
    return all.subList(Math.min(mark, all.size()), all.size()).stream()
        .filter(l -> l.contains(text))
        .toList();
  }

  /** A power cut: QEMU is killed at once. */
  void cutPower() throws InterruptedException {
    qemu.destroyForcibly();
    qemu.waitFor(30, TimeUnit.SECONDS);
  }

  /** Waits for QEMU to end by itself (the guest powered off). */
  boolean awaitExit(long seconds) throws InterruptedException {
    return qemu.waitFor(seconds, TimeUnit.SECONDS);
  }

  private String tail() {
    try {
      List<String> all = Files.readAllLines(console, StandardCharsets.ISO_8859_1);
      return "\n  " + String.join("\n  ", all.subList(Math.max(0, all.size() - 15), all.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String field(String line, String name) {
    for (String word : line.split(" ")) {
      if (word.startsWith(name + "=")) {
        return word.substring(name.length() + 1);
      }
    }
    return "";
  }

  @Override
  public void close() throws InterruptedException {
    qemu.destroyForcibly();
    qemu.waitFor(30, TimeUnit.SECONDS);
    try {
      if (channel != null) {
        channel.close();
      }
      Files.writeString(console, "\n", StandardOpenOption.APPEND);
    } catch (IOException e) {
      // Closing a dead channel or log: nothing left to keep.
    }
  }
}
