package dev.applc.compiler.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The canonical layout, rule by rule. Every case also checks that the output parses to the same
 * tree as the input and that formatting the output changes nothing.
 */
class FormatterTest {

  @Test
  void headerImportsAndDeclarationsAreSeparatedByBlankLines() {
    assertFormats(
        """
        applc 1

        import std:boards/x86_64-uefi
        import "local/disk.appliance"

        appliance a {
          version = "0.1.0"
        }

        board b {}
        """,
        """
        applc   1
        import std:boards/x86_64-uefi


        import "local/disk.appliance"
        appliance a { version = "0.1.0"
        }
        board b { }
        """);
  }

  @Test
  void onePropertyPerLineWithoutSemicolonsAndTheirEqualsSignsAligned() {
    assertFormats(
        """
        applc 1

        appliance a {
          version     = "0.1.0"
          board       = x86_64-uefi
          description = "d"
        }
        """,
        """
        applc 1
        appliance a {
            version     = "0.1.0"; board = x86_64-uefi;
          description="d"
        }
        """);
  }

  @Test
  void nestedBlocksIndentByTwoAndStandApartByBlankLines() {
    assertFormats(
        """
        applc 1

        appliance a {
          version = "1"

          os debian bookworm {
            packages = [udev]

            unit app.service {
              type = oneshot
            }
          }

          disk extends ab-verity-root {}

          key db { path = "keys/db" }
        }
        """,
        """
        applc 1
        appliance a {
        version = "1"
        os debian bookworm { packages = [udev]
        unit app.service { type = oneshot
        } }
        disk extends ab-verity-root {
        }
        key db { path = "keys/db" };
        }
        """);
  }

  @Test
  void smallBlocksWrittenOnOneLineStayOnOneLineAmongTheProperties() {
    assertFormats(
        """
        applc 1

        appliance a {
          disk {
            partition esp { type = esp; size = 512M }
            partition root { type = root; size = 2G }
            size = 4G
          }

          os debian bookworm {
            packages = [udev]

            user kiosk {
              groups = [video, input, audio, render, plugdev, netdev, bluetooth, lp]
            }

            unit a.service {
              exec = "/bin/true"

              install {}
            }
          }
        }
        """,
        """
        applc 1
        appliance a {
          disk { partition esp {type=esp;size=512M}
            partition root { type = root;   size = 2G }
            size = 4G }
          os debian bookworm {
            packages = [udev]
            user kiosk { groups = [video, input, audio, render, plugdev, netdev, bluetooth, lp] }
            unit a.service { exec = "/bin/true"; install {} }
          }
        }
        """);
  }

  @Test
  void equalsSignsLineUpInRunsThatBlocksAndLongValuesEnd() {
    assertFormats(
        """
        applc 1

        appliance a {
          version = "1"
          board   = x86_64-uefi

          os debian bookworm {
            packages = [
              linux-image-amd64,
              systemd-sysv,
              udev,
              cage,
              chromium,
              rauc-service,
            ]
            strip          = ["/usr/share/doc"]
            default-target = graphical.target
            user kiosk { groups = [video] }
            enable = [a.service]
          }
        }
        """,
        """
        applc 1
        appliance a {
          version = "1"
          board = x86_64-uefi
          os debian bookworm {
            packages = [linux-image-amd64, systemd-sysv, udev, cage, chromium, rauc-service]
            strip = ["/usr/share/doc"]
            default-target = graphical.target
            user kiosk { groups = [video] }
            enable = [a.service]
          }
        }
        """);
  }

  @Test
  void labelsKeepTheirForms() {
    assertFormats(
        """
        applc 1

        layout l {
          slots [a, b] {
            partition root {}
          }

          file "/etc/motd" {}
        }
        """,
        """
        applc 1
        layout l { slots [ a , b ] { partition root {} } file "/etc/motd" {} }
        """);
  }

  @Test
  void aListStaysOnOneLineUpToEightyColumns() {
    String fits = "x".repeat(72);
    assertFormats(
        "applc 1\n\nappliance a {\n  k = [" + fits + "]\n}\n",
        "applc 1\nappliance a {\n  k = [\n    " + fits + ",\n  ]\n}\n");
    assertEquals(80, ("  k = [" + fits + "]").length());
  }

  @Test
  void aLongerListPutsOneItemPerLineWithATrailingComma() {
    String wide = "x".repeat(73);
    assertFormats(
        "applc 1\n\nappliance a {\n  k = [\n    " + wide + ",\n  ]\n}\n",
        "applc 1\nappliance a {\n  k = [" + wide + "]\n}\n");
  }

  @Test
  void nestedListsBreakFromTheOutside() {
    assertFormats(
        """
        applc 1

        appliance a {
          groups = [
            [aaaaaaaaaaaa, bbbbbbbbbbbbbbbbbbbb],
            [cccccccccccccccccccc, ddddddddddddd, eeeeeeeee, ffffff],
          ]
          empty = []
        }
        """,
        """
        applc 1
        appliance a {
          groups = [[aaaaaaaaaaaa, bbbbbbbbbbbbbbbbbbbb], [cccccccccccccccccccc, ddddddddddddd,
                    eeeeeeeee, ffffff]]
          empty = [ ]
        }
        """);
  }

  @Test
  void valuesAreWrittenAsTheyWereRead() {
    assertFormats(
        """
        applc 1

        appliance a {
          size     = 1.5G
          offset   = 0x1F000
          interval = 15min
          mode     = 0644
          verity   = signed(db)
          source   = copy("files/x", 3)
          arch     = x86-64
          unit     = getty@tty2.service
        }
        """,
        """
        applc 1
        appliance a {
          size = 1.5G
          offset = 0x1F000
          interval = 15min
          mode = 0644
          verity = signed( db )
          source = copy("files/x",3)
          arch = x86-64
          unit = getty@tty2.service
        }
        """);
  }

  @Test
  void stringsAreEscapedAgain() {
    assertFormats(
        "applc 1\n\nappliance a {\n  s = \"q\\\"b\\\\n\\nt\\tx\"\n}\n",
        "applc 1\nappliance a { s = \"q\\\"b\\\\n\\nt\\tx\"\n}\n");
    assertEquals("\"a\\\"b\\\\c\\nd\\te\"", Formatter.quote("a\"b\\c\nd\te"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "one line\n",
        "no newline at the end",
        "[Unit]\nDescription=x\n\n[Service]\nExecStart=/bin/true\n",
        "  indented\nnot\n",
        "\nstarts with a blank line\n",
        "blank inside\n\n\nlines\n",
        "\ttab\nx",
        "   \nwhite line\n",
      })
  void textBlocksComeBackAsTheyWere(String text) {
    for (int depth = 0; depth < 3; depth++) {
      String block = Formatter.textBlock(text, depth);
      assertTrue(block.startsWith("\"\"\"\n") && block.endsWith("\"\"\""), block);
      assertEquals(text, AstBuilder.text(block.substring(3, block.length() - 3)), block);
    }
  }

  @Test
  void textBlocksSitAtTheLevelOfTheirProperty() {
    assertFormats(
        """
        applc 1

        appliance a {
          file "/etc/motd" {
            content = \"""
            Welcome
              to a
            \"""
            short = \"""
            no newline\"""
          }
        }
        """,
        """
        applc 1
        appliance a {
          file "/etc/motd" {
            content = \"""
                      Welcome
                        to a
                      \"""
            short = \"""no newline\"""
          }
        }
        """);
  }

  @Test
  void aTextBlockInAListPutsTheListOnePerLine() {
    assertFormats(
        """
        applc 1

        appliance a {
          parts = [
            a,
            \"""
            x
            \""",
          ]
        }
        """,
        """
        applc 1
        appliance a { parts = [a, \"""
          x
          \"""] }
        """);
  }

  @Test
  void aCommentOnItsOwnLineTakesTheIndentationOfWhatFollows() {
    assertFormats(
        """
        # Before the header.
        applc 1

        # Before the imports.
        import std:boards/x86_64-uefi

        # Before the appliance.
        appliance a {
          # Before a property.
          version = "1"

          # Before a block.
          os debian bookworm {
            # Deep.
            packages = [udev]
          }
        }
        """,
        """
          # Before the header.
        applc 1
            # Before the imports.
        import std:boards/x86_64-uefi
        # Before the appliance.
        appliance a {
        # Before a property.
        version = "1"
                # Before a block.
          os debian bookworm {
        # Deep.
            packages = [udev]
          }
        }
        """);
  }

  @Test
  void aCommentAtTheEndOfALineStaysThereAfterOneSpace() {
    assertFormats(
        """
        applc 1 # version

        import std:boards/x86_64-uefi # the board

        appliance a { # the appliance
          version  = "1" # a string
          size     = 4G # four
          packages = [udev] # one package

          partition esp {} # empty
        } # done
        """,
        """
        applc 1    # version
        import std:boards/x86_64-uefi     # the board
        appliance a {   # the appliance
          version = "1"         # a string
          size = 4G; # four
          packages = [
             udev
          ]   # one package
          partition esp {}# empty
        } # done
        """);
  }

  @Test
  void commentsAtTheEndOfABlockStayBeforeItsBrace() {
    assertFormats(
        """
        applc 1

        appliance a {
          version = "1"

          os debian bookworm {
            # Nothing yet.
          }
          # Last words.
        }

        # End of file.
        """,
        """
        applc 1
        appliance a {
          version = "1"
          os debian bookworm {
            # Nothing yet.
          }
            # Last words.
        }
        # End of file.
        """);
  }

  @Test
  void commentsInAListKeepItOneItemPerLine() {
    assertFormats(
        """
        applc 1

        appliance a {
          packages = [
            # The kernel first.
            linux-image-amd64,
            udev, # device manager
            [nested, list],
            # Nothing after this.
          ]
        }
        """,
        """
        applc 1
        appliance a {
          packages = [
              # The kernel first.
            linux-image-amd64, udev,   # device manager
            [nested, list]
            # Nothing after this.
          ]
        }
        """);
  }

  @Test
  void aCommentWithinALineOfItsOwnMovesBeforeItsStatement() {
    assertFormats(
        """
        applc 1

        appliance a {
          # in the header
          partition esp {}

          # after the equals sign
          # inside the call
          verity = signed(db)
        }
        """,
        """
        applc 1
        appliance a {
          partition # in the header
            esp {}
          verity = # after the equals sign
            signed( # inside the call
              db)
        }
        """);
  }

  @Test
  void aBlankLineAfterACommentKeepsItApart() {
    assertFormats(
        """
        # A file header.

        applc 1

        # About the imports.

        # About the board.
        import std:boards/x86_64-uefi
        """,
        """
        # A file header.

        applc 1
        # About the imports.


        # About the board.
        import std:boards/x86_64-uefi
        """);
  }

  @Test
  void formattingTwiceChangesNothing() {
    String messy =
        """
        # Top.
        applc 1
        import std:boards/x86_64-uefi   # board
        appliance a {   # open
          version = "1" ; board = x86_64-uefi # two on a line
          packages = [a,   # first
             b, c] ; enable = [x.service, y.service, z.service, w.service, v.service, u.service]
          os debian bookworm { unit app.service { exec = "/bin/echo \\"hi\\"" } }
          # Closing.
        }
        """;
    String once = Formatter.format(parse(messy));
    assertEquals(once, Formatter.format(parse(once)));
    assertEquals(AstDump.dump(parse(messy)), AstDump.dump(parse(once)));
  }

  @Test
  void everyCommentIsPrintedOnce() {
    String text =
        """
        # 1
        applc 1 # 2
        # 3
        import "x.appliance" # 4
        appliance a { # 5
          # 6
          b = [ # 7
            c, # 8
            # 9
            f(d, # 10
              e), # 11
          ] # 12
          g # 13
            h # 14
          { # 15
          } # 16
          # 17
        } # 18
        # 19
        """;
    String formatted = Formatter.format(parse(text));
    List<String> comments = parse(formatted).comments().stream().map(Ast.Comment::text).toList();
    List<String> expected = new java.util.ArrayList<>();
    for (int i = 1; i <= 19; i++) {
      expected.add("# " + i);
    }
    assertEquals(expected, comments, formatted);
    assertEquals(formatted, Formatter.format(parse(formatted)));
  }

  @Test
  void aPartialTreeIsPrintedAsFarAsItGoes() {
    Diagnostics diagnostics = new Diagnostics();
    Ast.SpecFile tree =
        SpecParser.parse(
            new SourceFile(
                "broken.appliance",
                "applc 1\nappliance a { # open\n  version = \"1\"\n  packages = [a b\n"),
            diagnostics);
    assertTrue(diagnostics.hasErrors());
    assertEquals(
        """
        applc 1

        appliance a { # open
          version  = "1"
          packages = [a]
        }
        """,
        Formatter.format(tree));
  }

  @Test
  void anEmptyFileStaysEmpty() {
    assertEquals("", Formatter.format(parseAllowingErrors("")));
    assertEquals("# only a comment\n", Formatter.format(parseAllowingErrors("# only a comment")));
  }

  private static void assertFormats(String expected, String input) {
    Ast.SpecFile tree = parse(input);
    String once = Formatter.format(tree);
    assertEquals(expected, once);
    Ast.SpecFile reparsed = parse(once);
    assertEquals(AstDump.dump(tree), AstDump.dump(reparsed), "same tree after formatting");
    assertEquals(once, Formatter.format(reparsed), "formatting twice changes nothing");
  }

  private static Ast.SpecFile parse(String text) {
    Diagnostics diagnostics = new Diagnostics();
    Ast.SpecFile tree = SpecParser.parse(new SourceFile("test.appliance", text), diagnostics);
    assertFalse(
        diagnostics.hasErrors(),
        () -> new TextRenderer(false).render(diagnostics.sorted()) + "\nin:\n" + text);
    return tree;
  }

  private static Ast.SpecFile parseAllowingErrors(String text) {
    return SpecParser.parse(new SourceFile("test.appliance", text), new Diagnostics());
  }
}
