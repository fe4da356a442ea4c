package dev.applc.lsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The client's byte stream as LSP4J reads it, with every badly framed message left out.
 *
 * <p>LSP4J trusts each {@code Content-Length}: one that is too long swallows the messages after it
 * and then waits for bytes that never come, and one that is too short makes the rest of the body
 * read as headers. Either way the server answers nothing more. This stream passes on only messages
 * whose header block is well formed and whose body is one JSON object or array of exactly the
 * announced length. Anything else is dropped with a line on standard error, and reading starts
 * again at the next {@code Content-Length:} in the stream, wherever it is, since clients write
 * messages back to back.
 *
 * <p>It never reads past the end of a JSON body to check a length that claims more: a client that
 * sent one wrong message and waits for the answer does not hang the server, whose next read finds
 * the following header.
 */
final class WellFramedInput extends InputStream {
  /** Far above any spec an editor sends; a longer message is dropped, never buffered. */
  static final int MAX_BODY = 64 << 20;

  private static final int MAX_HEADER_LINE = 1024;
  private static final int MAX_HEADERS = 32;
  private static final int MAX_DEPTH = 1024;
  private static final byte[] CONTENT_LENGTH =
      "content-length:".getBytes(StandardCharsets.US_ASCII);

  private final InputStream in;
  private final PrintStream log;

  /** Bytes read from {@code in} and given back, to be read again before {@code in}. */
  private final Deque<Byte> reread = new ArrayDeque<>();

  private byte[] current = new byte[0];
  private int position;

  WellFramedInput(InputStream in, PrintStream log) {
    this.in = in.markSupported() ? in : new java.io.BufferedInputStream(in);
    this.log = log;
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    return current[position++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, current.length - position);
    System.arraycopy(current, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return current.length - position;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Makes sure there are bytes of a well-framed message to hand out; false at the end. */
  private boolean fill() throws IOException {
    while (position == current.length) {
      byte[] next = nextMessage();
      if (next == null) {
        return false;
      }
      current = next;
      position = 0;
    }
    return true;
  }

  /** The next well-framed message, re-framed canonically; null at the end of the stream. */
  private byte[] nextMessage() throws IOException {
    while (true) {
      int length = headerBlock();
      if (length == END) {
        return null;
      }
      if (length < 0) {
        drop("a header block without a valid Content-Length");
        if (!seekHeader()) {
          return null;
        }
        continue;
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(length, 1 << 16));
      Verdict verdict = jsonBody(length, body);
      if (verdict == Verdict.END) {
        return null;
      }
      if (verdict == Verdict.COMPLETE) {
        byte[] json = body.toByteArray();
        byte[] header =
            ("Content-Length: " + json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[header.length + json.length];
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(json, 0, message, header.length, json.length);
        return message;
      }
      if (verdict == Verdict.WRONG_LENGTH) {
        // The body was one whole JSON value; what follows it is the next message's header.
        drop("a message whose Content-Length (" + length + ") is not its body's length");
        continue;
      }
      drop("a message whose body is not one JSON value of the announced length");
      byte[] read = body.toByteArray();
      for (int i = read.length - 1; i >= 1; i--) {
        reread.push(read[i]); // the first byte is not read again, so the search moves on.
      }
      if (!seekHeader()) {
        return null;
      }
    }
  }

  private static final String NOT_A_HEADER = "\0";
  private static final int END = -2;
  private static final int INVALID = -1;

  /**
   * Reads header lines up to the empty line that ends them; the Content-Length they give, {@link
   * #INVALID} when they are not a well-formed header block with one, or {@link #END}.
   */
  private int headerBlock() throws IOException {
    long length = INVALID;
    boolean valid = true;
    int headers = 0;
    while (true) {
      String line = line();
      if (line == null) {
        return END;
      }
      if (line.isEmpty()) {
        if (headers == 0) {
          continue; // blank lines between messages are harmless.
        }
        return valid && length >= 0 ? (int) length : INVALID;
      }
      headers++;
      int colon = line.indexOf(':');
      if (colon <= 0 || headers > MAX_HEADERS) {
        return INVALID; // not a header: the caller looks for the next one.
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (name.equals("content-length")) {
        if (length != INVALID || !value.matches("[0-9]{1,9}")) {
          valid = false;
        } else {
          length = Long.parseLong(value);
          if (length > MAX_BODY) {
            valid = false;
          }
        }
      }
    }
  }

  /** One header line without its line end; null at the end of the stream. */
  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    boolean tooLong = false;
    while (true) {
      int b = next();
      if (b < 0) {
        return line.length() == 0 ? null : line.toString();
      }
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return tooLong ? NOT_A_HEADER : line.toString();
      }
      if (line.length() < MAX_HEADER_LINE) {
        line.append((char) b);
      } else {
        tooLong = true; // not kept: such a line is no header, whatever it holds.
      }
    }
  }

  private enum Verdict {
    COMPLETE,
    WRONG_LENGTH,
    MALFORMED,
    END
  }

  /**
   * Reads one JSON object or array into {@code body}, never more than {@code length} bytes, and
   * tells whether it is exactly {@code length} bytes long.
   */
  private Verdict jsonBody(int length, ByteArrayOutputStream body) throws IOException {
    Deque<Character> closers = new ArrayDeque<>();
    boolean inString = false;
    boolean escaped = false;
    for (int count = 0; count < length; count++) {
      int b = next();
      if (b < 0) {
        return Verdict.END;
      }
      body.write(b);
      if (count == 0 && b != '{' && b != '[') {
        return Verdict.MALFORMED;
      }
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        } else if (b < 0x20) {
          return Verdict.MALFORMED; // JSON strings hold no raw control characters.
        }
        continue;
      }
      switch (b) {
        case '"' -> inString = true;
        case '{' -> closers.push('}');
        case '[' -> closers.push(']');
        case '}', ']' -> {
          if (closers.isEmpty() || closers.pop() != b) {
            return Verdict.MALFORMED;
          }
          if (closers.isEmpty()) {
            return count + 1 == length ? Verdict.COMPLETE : Verdict.WRONG_LENGTH;
          }
        }
        default -> {
          // Other bytes are checked by the JSON parser behind this stream.
        }
      }
      if (closers.size() > MAX_DEPTH) {
        return Verdict.MALFORMED;
      }
    }
    return Verdict.MALFORMED; // the announced length ends inside the value.
  }

  /**
   * Skips to the next {@code Content-Length:} (in any case), wherever it is, and gives it back to
   * be read as the start of a header block; false at the end of the stream.
   */
  private boolean seekHeader() throws IOException {
    int matched = 0;
    while (true) {
      int b = next();
      if (b < 0) {
        return false;
      }
      int lower = Character.toLowerCase(b);
      if (lower == CONTENT_LENGTH[matched]) {
        matched++;
      } else {
        matched = lower == CONTENT_LENGTH[0] ? 1 : 0;
      }
      if (matched == CONTENT_LENGTH.length) {
        for (int i = CONTENT_LENGTH.length - 1; i >= 0; i--) {
          reread.push(CONTENT_LENGTH[i]);
        }
        return true;
      }
    }
  }

  private int next() throws IOException {
    if (!reread.isEmpty()) {
      return reread.pop() & 0xff;
    }
    return in.read();
  }

  private void drop(String what) {
    log.println("applc lsp: dropped " + what + "; reading on from the next header");
    log.flush();
  }
}
