package dev.applc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stdio server: LSP messages in, LSP messages out, and the exit code the protocol wants. */
class ServeTest {
  private static String message(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return "Content-Length: " + body.length + "\r\n\r\n" + json;
  }

  private static String initialize() {
    return message(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
  }

  @Test
  void exitAfterShutdownIsZeroAndOnlyMessagesAreWritten() throws Exception {
    String in =
        initialize()
            + message("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}")
            + message("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        ApplcLanguageServer.serve(
            new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out);
    assertEquals(0, code);
    String written = out.toString(StandardCharsets.UTF_8);
    assertTrue(written.startsWith("Content-Length: "), written);
    assertTrue(written.contains("\"completionProvider\""), written);
    assertTrue(
        written
            .replaceAll("Content-Length: \\d+\r\n\r\n\\{[^\r]*?\\}(?=Content-Length|$)", "")
            .isEmpty(),
        written);
  }

  @Test
  void aClosedStreamWithoutShutdownIsOne() throws Exception {
    int code =
        ApplcLanguageServer.serve(
            new ByteArrayInputStream(initialize().getBytes(StandardCharsets.UTF_8)),
            new ByteArrayOutputStream());
    assertEquals(1, code);
  }
}
