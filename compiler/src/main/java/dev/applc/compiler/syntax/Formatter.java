package dev.applc.compiler.syntax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The canonical printer: one layout for every spec, whatever its author's spacing.
 *
 * <p>The layout is the header, the imports and the declarations, separated by blank lines; two
 * spaces per level; one property per line as {@code key = value}; a blank line around nested
 * blocks; lists on one line when the line fits in {@value #WIDTH} columns, else one item per line
 * with a trailing comma; text blocks with their quotes on their own lines and the text at the
 * indentation of the property that holds it.
 *
 * <p>A small block written on one line stays on one line, as {@code partition esp { type = esp;
 * size = 512M }}: when it holds only properties with one-line values and no comments, and fits in
 * {@value #WIDTH} columns. Such a block sits among the properties with no blank line around it.
 * This is the one choice of its author the printer keeps (as Prettier keeps an object literal's); a
 * block written over several lines is printed over several lines.
 *
 * <p>Otherwise the output depends only on the tree and its comments, never on the input's spacing,
 * so that formatting twice gives what formatting once gave. Every comment is printed exactly once:
 * a comment on its own line stays before the statement (or list item) that follows it, apart from
 * it when a blank line kept it apart in the source, a comment at the end of a line stays at the end
 * of that line, and comments after the last statement of a block stay before its closing brace. A
 * comment in a place that has no line of its own (between a key and its value, inside a call, among
 * a block's labels) moves to just before its statement.
 *
 * <p>The tree may be partial after syntax errors; the printer then prints what the tree holds.
 */
public final class Formatter {
  /** The widest line a list may make and still stay on one line. */
  public static final int WIDTH = 80;

  private final Anchors anchors;
  private final StringBuilder out = new StringBuilder();

  private Formatter(Anchors anchors) {
    this.anchors = anchors;
  }

  /** The canonical text of a file. */
  public static String format(Ast.SpecFile file) {
    Formatter f = new Formatter(new Anchors(file));
    f.file(file);
    return f.out.toString();
  }

  private void file(Ast.SpecFile file) {
    if (file.header().isPresent()) {
      Ast.Header h = file.header().get();
      leading(out, h, 0);
      out.append("applc ").append(h.version()).append(trailing(h)).append('\n');
    }
    for (int i = 0; i < file.imports().size(); i++) {
      Ast.Import imp = file.imports().get(i);
      if (i == 0) {
        separate();
      }
      leading(out, imp, 0);
      out.append("import ")
          .append(imp.standardLibrary() ? imp.target() : quote(imp.target()))
          .append(trailing(imp))
          .append('\n');
    }
    for (Ast.Statement s : file.statements()) {
      separate();
      statement(s, 0);
    }
    List<Ast.Comment> end = anchors.end(file);
    if (!end.isEmpty()) {
      separate();
      for (Ast.Comment c : end) {
        out.append(comment(c)).append('\n');
      }
    }
  }

  /** A blank line, unless nothing has been printed yet. */
  private void separate() {
    if (out.length() > 0) {
      out.append('\n');
    }
  }

  private void statement(Ast.Statement s, int depth) {
    if (s instanceof Ast.Property p) {
      property(p, depth);
    } else if (s instanceof Ast.Block b) {
      block(b, depth);
    }
  }

  private void property(Ast.Property p, int depth) {
    property(p, depth, p.key().text().length());
  }

  /** A property whose key is padded to {@code keyWidth}, so that its {@code =} lines up. */
  private void property(Ast.Property p, int depth, int keyWidth) {
    leading(out, p, depth);
    String key = p.key().text();
    String prefix = indent(depth) + key + " ".repeat(keyWidth - key.length()) + " = ";
    String flat = aligned(p, depth);
    out.append(prefix)
        .append(flat != null ? flat : value(p.value(), depth, prefix.length(), 0))
        .append(trailing(p))
        .append('\n');
  }

  /**
   * A property's value when it takes one line, which makes the property one of a run whose {@code
   * =} line up; null when it takes several (a text block, a list too long for its line). Decided
   * without the padding, so that the run, and the output, depend on the tree alone.
   */
  private String aligned(Ast.Property p, int depth) {
    String flat = flat(p.value());
    if (flat == null || !(p.value() instanceof Ast.ListValue)) {
      return flat;
    }
    int unpadded = indent(depth).length() + p.key().text().length() + 3;
    return unpadded + flat.length() <= WIDTH ? flat : null;
  }

  private void block(Ast.Block b, int depth) {
    leading(out, b, depth);
    Optional<String> line = oneLine(b, depth);
    if (line.isPresent()) {
      out.append(line.get()).append(trailing(b)).append('\n');
      return;
    }
    out.append(head(b, depth));
    List<Ast.Comment> open = anchors.open(b);
    List<Ast.Comment> end = anchors.end(b);
    if (b.body().isEmpty() && open.isEmpty() && end.isEmpty()) {
      out.append(" {}").append(trailing(b)).append('\n');
      return;
    }
    out.append(" {").append(joined(open)).append('\n');
    List<Ast.Statement> body = b.body();
    int[] keyWidths = keyWidths(body, depth + 1);
    for (int i = 0; i < body.size(); i++) {
      if (i > 0 && (apart(body.get(i), depth + 1) || apart(body.get(i - 1), depth + 1))) {
        out.append('\n');
      }
      if (body.get(i) instanceof Ast.Property p) {
        property(p, depth + 1, keyWidths[i]);
      } else {
        statement(body.get(i), depth + 1);
      }
    }
    for (Ast.Comment c : end) {
      out.append(indent(depth + 1)).append(comment(c)).append('\n');
    }
    out.append(indent(depth)).append('}').append(trailing(b)).append('\n');
  }

  /**
   * The width each property's key is padded to: the widest key of its run, a run being the
   * properties next to each other whose values take one line each (as gofmt and terraform fmt align
   * them). A block, or a value over several lines, ends a run.
   */
  private int[] keyWidths(List<Ast.Statement> body, int depth) {
    int[] widths = new int[body.size()];
    int start = 0;
    while (start < body.size()) {
      int end = start;
      int widest = 0;
      while (end < body.size()
          && body.get(end) instanceof Ast.Property p
          && aligned(p, depth) != null) {
        widest = Math.max(widest, p.key().text().length());
        end++;
      }
      for (int i = start; i < end; i++) {
        widths[i] = widest;
      }
      if (end == start) {
        Ast.Statement s = body.get(start);
        widths[start] = s instanceof Ast.Property p ? p.key().text().length() : 0;
        end++;
      }
      start = end;
    }
    return widths;
  }

  /** Whether a statement gets a blank line around it: a block printed over several lines. */
  private boolean apart(Ast.Statement s, int depth) {
    return s instanceof Ast.Block b && oneLine(b, depth).isEmpty();
  }

  /** A block's kind, labels and parent, indented. */
  private String head(Ast.Block b, int depth) {
    StringBuilder head = new StringBuilder(indent(depth)).append(b.kind().text());
    for (Ast.Value label : b.labels()) {
      head.append(' ');
      head.append(value(label, depth, lastLineLength(head), 2));
    }
    b.parent().ifPresent(p -> head.append(" extends ").append(p.text()));
    return head.toString();
  }

  /** The whole block on one line, when it was written so, can stay so and fits. */
  private Optional<String> oneLine(Ast.Block b, int depth) {
    Optional<String> body = oneLineBody(b);
    if (body.isEmpty()) {
      return body;
    }
    String line = head(b, depth) + body.get();
    return line.length() <= WIDTH && line.indexOf('\n') < 0 ? Optional.of(line) : Optional.empty();
  }

  /**
   * What follows the head of a block that was written on one line and can stay so ({@code " { a =
   * 1; b = 2 }"}): only properties, each with a one-line value and no comment around it.
   */
  private Optional<String> oneLineBody(Ast.Block b) {
    if (b.body().isEmpty() || b.span().startLine() != b.span().endLine()) {
      return Optional.empty();
    }
    if (!anchors.open(b).isEmpty() || !anchors.end(b).isEmpty()) {
      return Optional.empty();
    }
    List<String> properties = new ArrayList<>();
    for (Ast.Statement s : b.body()) {
      if (!(s instanceof Ast.Property p)
          || !anchors.leading(p).isEmpty()
          || !anchors.trailing(p).isEmpty()) {
        return Optional.empty();
      }
      String value = flat(p.value());
      if (value == null) {
        return Optional.empty();
      }
      properties.add(p.key().text() + " = " + value);
    }
    return Optional.of(" { " + String.join("; ", properties) + " }");
  }

  /**
   * A value as it is printed where the current line already holds {@code used} columns and will
   * hold {@code tail} more after it; continuation lines carry their own indentation.
   */
  private String value(Ast.Value v, int depth, int used, int tail) {
    if (v instanceof Ast.TextValue t) {
      return textBlock(t.value(), depth);
    }
    if (v instanceof Ast.CallValue c) {
      String flat = flat(c);
      if (flat != null) {
        return flat;
      }
      StringBuilder s = new StringBuilder(c.function().text()).append('(');
      List<Ast.Value> args = c.arguments();
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          s.append(", ");
        }
        int after = i == args.size() - 1 ? tail + 1 : 1;
        int column = s.indexOf("\n") < 0 ? used + s.length() : lastLineLength(s);
        s.append(value(args.get(i), depth, column, after));
      }
      return s.append(')').toString();
    }
    if (v instanceof Ast.ListValue l) {
      String flat = flat(l);
      if (flat != null && used + flat.length() + tail <= WIDTH) {
        return flat;
      }
      return listLines(l, depth);
    }
    String flat = flat(v);
    return flat == null ? "" : flat;
  }

  /** A value on one line, or null when it cannot be (text blocks, lists with comments). */
  private String flat(Ast.Value v) {
    if (v instanceof Ast.StringValue s) {
      return quote(s.value());
    }
    if (v instanceof Ast.NumberValue n) {
      return n.text();
    }
    if (v instanceof Ast.HexValue h) {
      return h.text();
    }
    if (v instanceof Ast.IdentValue i) {
      return i.name();
    }
    if (v instanceof Ast.CallValue c) {
      List<String> args = new ArrayList<>();
      for (Ast.Value a : c.arguments()) {
        String s = flat(a);
        if (s == null) {
          return null;
        }
        args.add(s);
      }
      return c.function().text() + "(" + String.join(", ", args) + ")";
    }
    if (v instanceof Ast.ListValue l) {
      if (anchors.hasComments(l)) {
        return null;
      }
      List<String> items = new ArrayList<>();
      for (Ast.Value item : l.items()) {
        String s = flat(item);
        if (s == null) {
          return null;
        }
        items.add(s);
      }
      return "[" + String.join(", ", items) + "]";
    }
    return null;
  }

  private String listLines(Ast.ListValue l, int depth) {
    StringBuilder s = new StringBuilder("[\n");
    String inner = indent(depth + 1);
    for (Ast.Value item : l.items()) {
      leading(s, item, depth + 1);
      s.append(inner)
          .append(value(item, depth + 1, inner.length(), 1))
          .append(',')
          .append(trailing(item))
          .append('\n');
    }
    for (Ast.Comment c : anchors.end(l)) {
      s.append(inner).append(comment(c)).append('\n');
    }
    return s.append(indent(depth)).append(']').toString();
  }

  /**
   * A text block whose lines sit at {@code depth}. The parser removes the indentation common to the
   * lines and the closing quotes, so the text comes back as it was; text that does not end in a
   * newline ends with the quotes on its last line.
   */
  static String textBlock(String text, int depth) {
    String indent = indent(depth);
    StringBuilder s = new StringBuilder("\"\"\"\n");
    boolean closedLine = text.isEmpty() || text.endsWith("\n");
    String body = closedLine && !text.isEmpty() ? text.substring(0, text.length() - 1) : text;
    if (!text.isEmpty()) {
      String[] lines = body.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (!lines[i].isEmpty()) {
          s.append(indent).append(lines[i]);
        }
        if (i < lines.length - 1 || closedLine) {
          s.append('\n');
        }
      }
    }
    if (closedLine) {
      s.append(indent);
    }
    return s.append("\"\"\"").toString();
  }

  /** A string literal with the escapes the lexer knows. */
  static String quote(String value) {
    StringBuilder s = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\t' -> s.append("\\t");
        default -> s.append(c);
      }
    }
    return s.append('"').toString();
  }

  private void leading(StringBuilder s, Object node, int depth) {
    for (Ast.Comment c : anchors.leading(node)) {
      s.append(indent(depth)).append(comment(c)).append('\n');
      if (anchors.detached(c)) {
        s.append('\n');
      }
    }
  }

  private String trailing(Object node) {
    return joined(anchors.trailing(node));
  }

  private static String joined(List<Ast.Comment> comments) {
    StringBuilder s = new StringBuilder();
    for (Ast.Comment c : comments) {
      s.append(' ').append(comment(c));
    }
    return s.toString();
  }

  /** A comment's text; trailing blanks go, as they do everywhere else. */
  static String comment(Ast.Comment c) {
    return c.text().stripTrailing();
  }

  private static String indent(int depth) {
    return "  ".repeat(depth);
  }

  private static int lastLineLength(CharSequence s) {
    int n = 0;
    for (int i = s.length() - 1; i >= 0 && s.charAt(i) != '\n'; i--) {
      n++;
    }
    return n;
  }

  /**
   * Where each comment is printed. A comment belongs to the innermost statement list or list that
   * holds it: it trails the element that ends on its line, opens a block when it follows the
   * opening brace, leads the next element, or else ends the list. Comments inside an element that
   * has no lines of its own lead that element.
   */
  private static final class Anchors {
    private final String text;
    private final IdentityHashMap<Object, List<Ast.Comment>> leading = new IdentityHashMap<>();
    private final IdentityHashMap<Object, List<Ast.Comment>> trailing = new IdentityHashMap<>();
    private final IdentityHashMap<Object, List<Ast.Comment>> open = new IdentityHashMap<>();
    private final IdentityHashMap<Object, List<Ast.Comment>> end = new IdentityHashMap<>();
    private final Set<Ast.ListValue> withComments =
        Collections.newSetFromMap(new IdentityHashMap<>());
    private final IdentityHashMap<Ast.Block, int[]> braces = new IdentityHashMap<>();
    private final Set<Ast.Comment> detached = Collections.newSetFromMap(new IdentityHashMap<>());

    /** One element among its siblings, with the end that comments are measured from. */
    private record Slot(Object node, int start, int end) {}

    Anchors(Ast.SpecFile file) {
      this.text = file.source().text();
      List<Slot> top = new ArrayList<>();
      file.header().ifPresent(h -> top.add(new Slot(h, h.span().start(), h.span().end())));
      for (Ast.Import i : file.imports()) {
        top.add(new Slot(i, i.span().start(), i.span().end()));
      }
      top.addAll(statementSlots(file.statements()));
      List<Ast.Comment> sorted = new ArrayList<>(file.comments());
      sorted.sort(Comparator.comparingInt(c -> c.span().start()));
      for (Ast.Comment c : sorted) {
        placeAmong(top, c, file, -1, null, List.of());
      }
    }

    List<Ast.Comment> leading(Object node) {
      return leading.getOrDefault(node, List.of());
    }

    List<Ast.Comment> trailing(Object node) {
      return trailing.getOrDefault(node, List.of());
    }

    List<Ast.Comment> open(Ast.Block block) {
      return open.getOrDefault(block, List.of());
    }

    List<Ast.Comment> end(Object node) {
      return end.getOrDefault(node, List.of());
    }

    /** Whether a blank line follows a leading comment, setting it apart from what it leads. */
    boolean detached(Ast.Comment c) {
      return detached.contains(c);
    }

    boolean hasComments(Ast.ListValue list) {
      return withComments.contains(list);
    }

    private List<Slot> statementSlots(List<Ast.Statement> statements) {
      List<Slot> slots = new ArrayList<>();
      for (Ast.Statement s : statements) {
        int endAt = s.span().end();
        if (s instanceof Ast.Block b && close(b) >= 0) {
          endAt = close(b) + 1;
        }
        slots.add(new Slot(s, s.span().start(), Math.max(s.span().start(), endAt)));
      }
      return slots;
    }

    private static List<Slot> valueSlots(List<Ast.Value> values) {
      List<Slot> slots = new ArrayList<>();
      for (Ast.Value v : values) {
        slots.add(new Slot(v, v.span().start(), v.span().end()));
      }
      return slots;
    }

    /**
     * Places a comment among sibling elements: inside one of them, after the one that ends on its
     * line, after the container's opening brace, before the next one, or at the container's end.
     */
    private void placeAmong(
        List<Slot> slots,
        Ast.Comment c,
        Object container,
        int openAt,
        Object opener,
        List<Ast.ListValue> lists) {
      int at = c.span().start();
      for (Slot s : slots) {
        if (s.start() <= at && at < s.end()) {
          inside(s.node(), c, lists);
          return;
        }
      }
      withComments.addAll(lists);
      Slot prev = null;
      for (Slot s : slots) {
        if (s.end() <= at) {
          prev = s;
        }
      }
      if (prev != null && filler(prev.end(), at, ";,")) {
        add(trailing, prev.node(), c);
        return;
      }
      if (opener != null
          && openAt >= 0
          && (prev == null || prev.end() <= openAt)
          && filler(openAt, at, "")) {
        add(open, opener, c);
        return;
      }
      for (Slot s : slots) {
        if (s.start() > at) {
          leadDetachable(s.node(), c);
          return;
        }
      }
      add(end, container, c);
    }

    private void inside(Object node, Ast.Comment c, List<Ast.ListValue> lists) {
      int at = c.span().start();
      if (node instanceof Ast.Block b) {
        int[] brace = braces(b);
        if (at < brace[0]) {
          lead(b, c, lists);
          return;
        }
        placeAmong(statementSlots(b.body()), c, b, brace[0], b, List.of());
      } else if (node instanceof Ast.Property p
          && p.value() instanceof Ast.ListValue l
          && l.span().start() <= at
          && at < l.span().end()) {
        inList(l, c, List.of(l));
      } else if (node instanceof Ast.ListValue l) {
        List<Ast.ListValue> chain = new ArrayList<>(lists);
        chain.add(l);
        inList(l, c, chain);
      } else {
        lead(node, c, lists);
      }
    }

    private void lead(Object node, Ast.Comment c, List<Ast.ListValue> lists) {
      withComments.addAll(lists);
      add(leading, node, c);
    }

    private void leadDetachable(Object node, Ast.Comment c) {
      add(leading, node, c);
      int newlines = 0;
      for (int i = c.span().end();
          i < text.length() && Character.isWhitespace(text.charAt(i));
          i++) {
        if (text.charAt(i) == '\n') {
          newlines++;
        }
      }
      if (newlines >= 2) {
        detached.add(c);
      }
    }

    private void inList(Ast.ListValue l, Ast.Comment c, List<Ast.ListValue> chain) {
      placeAmong(valueSlots(l.items()), c, l, -1, null, chain);
    }

    /** Whether the text between two offsets is blanks and the given punctuation only. */
    private boolean filler(int from, int to, String punctuation) {
      if (from > to) {
        return false;
      }
      for (int i = from; i < to; i++) {
        char ch = text.charAt(i);
        if (ch != ' ' && ch != '\t' && punctuation.indexOf(ch) < 0) {
          return false;
        }
      }
      return true;
    }

    private int close(Ast.Block b) {
      return braces(b)[1];
    }

    /**
     * The offset just after a block's opening brace (or after its header when the brace is missing)
     * and the offset of its closing brace (or -1 when missing), found in the source text.
     */
    private int[] braces(Ast.Block b) {
      int[] known = braces.get(b);
      if (known != null) {
        return known;
      }
      int headerEnd = b.kind().span().end();
      for (Ast.Value label : b.labels()) {
        headerEnd = Math.max(headerEnd, label.span().end());
      }
      if (b.parent().isPresent()) {
        headerEnd = Math.max(headerEnd, b.parent().get().span().end());
      }
      int limit = Math.min(text.length(), b.span().end());
      int openAt = headerEnd;
      int i = skipBlanks(headerEnd, limit);
      if (i < limit && text.charAt(i) == '{') {
        openAt = i + 1;
      }
      int from = openAt;
      for (Slot s : statementSlots(b.body())) {
        from = Math.max(from, s.end());
      }
      int closeAt = -1;
      int j = skipBlanks(from, limit);
      if (j < limit && text.charAt(j) == '}') {
        closeAt = j;
      } else if (limit > openAt && text.charAt(limit - 1) == '}') {
        closeAt = limit - 1;
      }
      int[] result = {openAt, closeAt};
      braces.put(b, result);
      return result;
    }

    /** The first offset from {@code i} that is neither blank nor in a comment. */
    private int skipBlanks(int i, int limit) {
      int at = i;
      while (at < limit) {
        char ch = text.charAt(at);
        if (Character.isWhitespace(ch)) {
          at++;
        } else if (ch == '#') {
          while (at < limit && text.charAt(at) != '\n') {
            at++;
          }
        } else {
          break;
        }
      }
      return at;
    }

    private static void add(
        IdentityHashMap<Object, List<Ast.Comment>> map, Object node, Ast.Comment c) {
      map.computeIfAbsent(node, k -> new ArrayList<>()).add(c);
    }
  }
}
