package dev.applc.compiler.diag;

/** Small English helpers for messages, so that they read as sentences. */
public final class Words {
  private Words() {}

  /** "a" or "an" before a word as it is read aloud: an `os`, an ext4, a `partition`. */
  public static String a(String word) {
    String w = word.replace("`", "");
    if (w.isEmpty()) {
      return "a";
    }
    char c = Character.toLowerCase(w.charAt(0));
    return "aeio".indexOf(c) >= 0 || w.startsWith("esp") || w.startsWith("ext") ? "an" : "a";
  }

  /** The word with its article: "an `os` block". */
  public static String withArticle(String word) {
    return a(word) + " " + word;
  }
}
