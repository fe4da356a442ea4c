package dev.applc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A client that frames one message badly loses that message, not the session: the server answers
 * the valid requests that follow.
 */
class MalformedFramingTest {
  private static String message(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return "Content-Length: " + body.length + "\r\n\r\n" + json;
  }

  private static final String BODY = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"shutdown\"}";

  static Stream<String> badFrames() {
    return Stream.of(
        "Content-Length: 1000\r\n\r\n" + BODY, // longer than the body: swallows what follows
        "Content-Length: 10\r\n\r\n" + BODY, // shorter: the rest reads as headers
        "Content-Length: abc\r\n\r\n" + BODY,
        "Content-Length: -5\r\n\r\n" + BODY,
        "Content-Length: 99999999999999999999\r\n\r\n" + BODY,
        "Content-Type: x\r\n\r\n" + BODY, // no length at all
        "garbage line\r\n" + BODY,
        "Content-Length: 12\r\n\r\nnot json at all",
        "Content-Length: 3\r\n\r\n{\"a",
        "Content-Length: " + BODY.length() + "\r\n\r\n" + BODY.replace('{', '['));
  }

  @Test
  void wellFramedMessagesPassUnchanged() throws Exception {
    String text = "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"t\":\"é \\\" } ] ✓\"}}";
    String in =
        "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
            + message(text)
            + "\r\n"
            + message("[1,[2],{\"a\":[]}]");
    WellFramedInput framed =
        new WellFramedInput(
            new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(OutputStream.nullOutputStream()));
    assertEquals(
        message(text) + message("[1,[2],{\"a\":[]}]"),
        new String(framed.readAllBytes(), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @MethodSource("badFrames")
  void theServerRecoversAtTheNextValidHeader(String bad) throws Exception {
    String in =
        bad
            + message(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}")
            + message("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}")
            + message("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return ApplcLanguageServer.serve(
                        new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .get(20, TimeUnit.SECONDS);
    String written = out.toString(StandardCharsets.UTF_8);
    assertTrue(written.contains("\"completionProvider\""), written);
    Matcher shutdownAnswer = Pattern.compile("\"id\":\"?2\"?").matcher(written);
    assertTrue(shutdownAnswer.find(), written);
    assertEquals(0, code, written);
  }
}
