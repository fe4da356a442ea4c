// The TextMate grammar test: tokenizes every spec of the repository (and the standard
// library, and the examples in the docs) with the same engine as VS Code (vscode-textmate on
// the oniguruma regex library), and checks the scopes against a reference copy of the
// compiler's lexer and parser, and against exact expectations on a fixture.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';
import { lex, roles } from './reference.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const extensionDir = path.resolve(here, '..');
const repo = path.resolve(extensionDir, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
const grammarPath = path.join(extensionDir, manifest.contributes.grammars[0].path);

// ---------------------------------------------------------------------------------------
// The engine

let grammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.appliance'
        ? vsctm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath)
        : null,
  });
  grammar = await registry.loadGrammar('source.appliance');
  assert.ok(grammar, 'the grammar loads');
});

/**
 * Tokenizes a whole text the way the editor does, line by line with the state carried
 * over. Returns the lines, each with its tokens {start, end, text, scopes}, and the state
 * after the last line.
 */
function tokenize(text) {
  const lines = text.split(/\r?\n/);
  let state = vsctm.INITIAL;
  const result = [];
  lines.forEach((line, index) => {
    const r = grammar.tokenizeLine(line, state, 5000);
    assert.ok(!r.stoppedEarly, `line ${index + 1} stopped early`);
    assert.ok(r.ruleStack, `line ${index + 1} has no state after it`);
    const tokens = r.tokens.map((t, i) => {
      const end = i + 1 < r.tokens.length ? r.tokens[i + 1].startIndex : Math.max(line.length, t.startIndex);
      return { start: t.startIndex, end, text: line.slice(t.startIndex, end), scopes: t.scopes };
    });
    // The tokens cover the line, in order, without gaps.
    assert.equal(tokens[0].start, 0, `line ${index + 1}: tokens start at 0`);
    for (let i = 1; i < tokens.length; i++) {
      assert.ok(tokens[i].start >= tokens[i - 1].start, `line ${index + 1}: tokens in order`);
    }
    result.push({ line, tokens });
    state = r.ruleStack;
  });
  return { lines: result, state };
}

/** The scopes of the character at (0-based) line and column. */
function scopesAt(tokenized, line, column) {
  const { tokens } = tokenized.lines[line];
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i].start <= column) return tokens[i].scopes;
  }
  return [];
}

/** True when the state is the top level of the file: nothing left open. */
function atTopLevel(state) {
  const fresh = grammar.tokenizeLine('', vsctm.INITIAL).ruleStack;
  return state.equals(fresh);
}

// ---------------------------------------------------------------------------------------
// The corpus: every spec, the standard library, and the examples in the docs

function walk(dir, accept, out = []) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const { name } = entry;
    if (name === 'target' || name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (entry.isDirectory()) walk(full, accept, out);
    else if (entry.isFile() && accept(full)) out.push(full);
  }
  return out;
}

const isSpec = (f) => f.endsWith('.appliance');
const rel = (f) => path.relative(repo, f);
const specs = walk(path.join(repo, 'specs'), isSpec).filter(
  (f) => !rel(f).startsWith(`specs${path.sep}diagnostics${path.sep}`),
);
const diagnostics = walk(path.join(repo, 'specs', 'diagnostics'), isSpec);
const stdlib = walk(path.join(repo, 'stdlib', 'src'), isSpec);

/** The ```applc and ```applc-fragment examples of the docs, as {name, text}. */
function docExamples() {
  const files = [path.join(repo, 'README.md'), ...walk(path.join(repo, 'docs'), (f) => f.endsWith('.md'))];
  const examples = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*```applc(-fragment)?\s*$/.test(lines[i])) continue;
      const start = i + 1;
      let end = start;
      while (end < lines.length && !/^\s*```\s*$/.test(lines[end])) end++;
      examples.push({ name: `${rel(file)}:${start}`, text: lines.slice(start, end).join('\n') });
      i = end;
    }
  }
  return examples;
}

// What each role of the reference parser is scoped as. Booleans are words with a scope of
// their own.
const ROLE_SCOPES = {
  comment: 'comment.line.number-sign.appliance',
  header: 'keyword.other.header.appliance',
  version: 'constant.numeric.version.appliance',
  import: 'keyword.control.import.appliance',
  'std-path': 'entity.name.namespace.std-path.appliance',
  key: 'variable.other.property.appliance',
  assign: 'keyword.operator.assignment.appliance',
  kind: 'entity.name.type.block.appliance',
  label: 'variable.other.enummember.label.appliance',
  extends: 'keyword.other.extends.appliance',
  parent: 'entity.other.inherited-class.appliance',
  fn: 'entity.name.function.appliance',
  word: 'variable.other.constant.appliance',
  bool: 'constant.language.boolean.appliance',
  string: 'string.quoted.double.appliance',
  text: 'string.quoted.triple.appliance',
  number: 'constant.numeric.appliance',
  hex: 'constant.numeric.hex.appliance',
};

// The lexer's token types that are checked on any text, even one with syntax errors.
const LEXICAL_SCOPES = {
  COMMENT: 'comment.line.number-sign.appliance',
  STRING: 'string.quoted.double.appliance',
  UNTERMINATED_STRING: 'string.quoted.double.appliance',
  TEXT: 'string.quoted.triple.appliance',
  UNTERMINATED_TEXT: 'string.quoted.triple.appliance',
};

/** Offsets to (line, column), both 0-based. */
function positions(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo, offset - starts[lo]];
  };
}

/** Checks that every character of each token [start, end) carries `scope`. */
function checkCovered(name, text, tokenized, tokens, scopeOf) {
  const at = positions(text);
  const problems = [];
  for (const t of tokens) {
    const scope = scopeOf(t);
    if (!scope) continue;
    for (let o = t.start; o < t.end; o++) {
      if (text[o] === '\n' || text[o] === '\r') continue;
      const [line, column] = at(o);
      if (!scopesAt(tokenized, line, column).includes(scope)) {
        problems.push(
          `${name}:${line + 1}:${column + 1}: ${JSON.stringify(t.text.slice(0, 40))} ` +
            `(${t.role ?? t.type}) is not ${scope}: ${scopesAt(tokenized, line, column).join(' ')}`,
        );
        break;
      }
    }
  }
  assert.deepEqual(problems.slice(0, 10), [], `${problems.length} tokens without their scope`);
}

/** The checks on a valid file: it tokenizes, ends at the top level, every token is scoped. */
function checkValid(name, text) {
  const tokenized = tokenize(text);
  assert.ok(atTopLevel(tokenized.state), `${name}: something is left open at the end`);
  checkCovered(name, text, tokenized, roles(text), (t) => ROLE_SCOPES[t.role]);
  const invalid = tokenized.lines.flatMap((l, i) =>
    l.tokens.filter((t) => t.scopes.some((s) => s.startsWith('invalid'))).map((t) => `${i + 1}:${t.start + 1}`),
  );
  assert.deepEqual(invalid, [], `${name}: tokens scoped invalid`);
}

describe('every spec and standard-library file', () => {
  test('the corpus was found', () => {
    assert.ok(specs.length >= 6, `specs: ${specs.length}`);
    assert.ok(stdlib.length >= 10, `stdlib: ${stdlib.length}`);
  });
  for (const file of [...specs, ...stdlib]) {
    test(rel(file), () => checkValid(rel(file), readFileSync(file, 'utf8')));
  }
});

describe('the examples in the docs', () => {
  const examples = docExamples();
  test('the examples were found', () => assert.ok(examples.length >= 20, `examples: ${examples.length}`));
  for (const { name, text } of examples) {
    test(name, () => {
      let valid = true;
      try {
        roles(text);
      } catch {
        valid = false; // an example of an error: only the lexical checks apply
      }
      if (valid) {
        checkValid(name, text);
      } else {
        const tokenized = tokenize(text);
        checkCovered(name, text, tokenized, lex(text), (t) => LEXICAL_SCOPES[t.type]);
      }
    });
  }
});

describe('the diagnostics corpus (specs with errors)', () => {
  test('every file tokenizes, and comments and strings keep their scopes', () => {
    assert.ok(diagnostics.length > 0);
    for (const file of diagnostics) {
      let text;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        if (err.code === 'ENOENT' || err.code === 'EACCES') continue; // made and removed by a test
        throw err;
      }
      const tokenized = tokenize(text);
      checkCovered(rel(file), text, tokenized, lex(text), (t) => LEXICAL_SCOPES[t.type]);
    }
  });
});

// ---------------------------------------------------------------------------------------
// Exact expectations on a fixture: [line, column (both 1-based), token text, scope]

const fixturePath = path.join(here, 'fixtures', 'scopes.appliance');

const EXPECTED = [
  [1, 1, "applc", 'keyword.other.header.appliance'],
  [1, 7, "1", 'constant.numeric.version.appliance'],
  [2, 1, "#", 'comment.line.number-sign.appliance'],
  [2, 2, " A fixture for the grammar test: one of each construct.", 'comment.line.number-sign.appliance'],
  [3, 1, "import", 'keyword.control.import.appliance'],
  [3, 8, "std", 'entity.name.namespace.std-path.appliance'],
  [3, 12, "boards/rpi4", 'entity.name.namespace.std-path.appliance'],
  [4, 1, "import", 'keyword.control.import.appliance'],
  [4, 8, "\"", 'punctuation.definition.string.begin.appliance'],
  [4, 9, "boards/mine.appliance", 'string.quoted.double.appliance'],
  [6, 1, "board", 'entity.name.type.block.appliance'],
  [6, 7, "mine", 'variable.other.enummember.label.appliance'],
  [6, 12, "extends", 'keyword.other.extends.appliance'],
  [6, 20, "rpi4", 'entity.other.inherited-class.appliance'],
  [6, 25, "{", 'punctuation.section.block.begin.appliance'],
  [7, 3, "arch", 'variable.other.property.appliance'],
  [7, 12, "=", 'keyword.operator.assignment.appliance'],
  [7, 14, "arm64", 'variable.other.constant.appliance'],
  [8, 3, "firmware", 'variable.other.property.appliance'],
  [8, 14, "uboot", 'variable.other.constant.appliance'],
  [8, 22, "#", 'comment.line.number-sign.appliance'],
  [8, 23, " trailing comment", 'comment.line.number-sign.appliance'],
  [9, 3, "console", 'variable.other.property.appliance'],
  [9, 15, "ttyS0,115200", 'string.quoted.double.appliance'],
  [10, 3, "uboot-env", 'entity.name.type.block.appliance'],
  [10, 15, "offset", 'variable.other.property.appliance'],
  [10, 24, "0x3fc000", 'constant.numeric.hex.appliance'],
  [10, 32, ";", 'punctuation.terminator.statement.appliance'],
  [10, 34, "size", 'variable.other.property.appliance'],
  [10, 41, "16", 'constant.numeric.appliance'],
  [10, 43, "K", 'keyword.other.unit.appliance'],
  [10, 45, "}", 'punctuation.section.block.end.appliance'],
  [11, 1, "}", 'punctuation.section.block.end.appliance'],
  [13, 1, "appliance", 'entity.name.type.block.appliance'],
  [13, 11, "demo", 'variable.other.enummember.label.appliance'],
  [14, 3, "version", 'variable.other.property.appliance'],
  [14, 14, "1.0", 'string.quoted.double.appliance'],
  [14, 17, "\\\"", 'constant.character.escape.appliance'],
  [14, 19, "beta", 'string.quoted.double.appliance'],
  [15, 3, "board", 'variable.other.property.appliance'],
  [15, 13, "mine", 'variable.other.constant.appliance'],
  [16, 3, "os", 'entity.name.type.block.appliance'],
  [16, 6, "debian", 'variable.other.enummember.label.appliance'],
  [16, 13, "bookworm", 'variable.other.enummember.label.appliance'],
  [17, 5, "packages", 'variable.other.property.appliance'],
  [17, 16, "[", 'punctuation.section.list.begin.appliance'],
  [18, 7, "systemd-boot", 'variable.other.constant.appliance'],
  [18, 19, ",", 'punctuation.separator.comma.appliance'],
  [18, 23, "#", 'comment.line.number-sign.appliance'],
  [19, 7, "getty@tty2.service", 'variable.other.constant.appliance'],
  [20, 5, "]", 'punctuation.section.list.end.appliance'],
  [21, 5, "factory-etc", 'variable.other.property.appliance'],
  [21, 19, "on", 'constant.language.boolean.appliance'],
  [22, 5, "file", 'entity.name.type.block.appliance'],
  [22, 11, "/etc/motd", 'string.quoted.double.appliance'],
  [23, 7, "content", 'variable.other.property.appliance'],
  [23, 17, "\"\"\"", 'punctuation.definition.string.begin.appliance'],
  [23, 17, "\"\"\"", 'string.quoted.triple.appliance'],
  [24, 1, "        Welcome # not a comment", 'string.quoted.triple.appliance'],
  [25, 1, "        \"quoted\" 42 { partition x }", 'string.quoted.triple.appliance'],
  [26, 1, "        ", 'string.quoted.triple.appliance'],
  [26, 9, "\"\"\"", 'punctuation.definition.string.end.appliance'],
  [27, 7, "mode", 'variable.other.property.appliance'],
  [27, 15, "0644", 'string.quoted.double.appliance'],
  [30, 3, "disk", 'entity.name.type.block.appliance'],
  [30, 8, "extends", 'keyword.other.extends.appliance'],
  [30, 16, "ab-verity-usr", 'entity.other.inherited-class.appliance'],
  [31, 5, "size", 'variable.other.property.appliance'],
  [31, 12, "1.5", 'constant.numeric.appliance'],
  [31, 15, "G", 'keyword.other.unit.appliance'],
  [32, 5, "slots", 'entity.name.type.block.appliance'],
  [32, 11, "[", 'punctuation.section.list.begin.appliance'],
  [32, 12, "a", 'variable.other.constant.appliance'],
  [32, 20, "partition", 'entity.name.type.block.appliance'],
  [32, 30, "usr", 'variable.other.enummember.label.appliance'],
  [32, 36, "verity", 'variable.other.property.appliance'],
  [32, 45, "signed", 'entity.name.function.appliance'],
  [32, 51, "(", 'punctuation.section.arguments.begin.appliance'],
  [32, 52, "db", 'variable.other.constant.appliance'],
  [32, 54, ")", 'punctuation.section.arguments.end.appliance'],
  [32, 57, "size", 'variable.other.property.appliance'],
  [32, 64, "512", 'constant.numeric.appliance'],
  [32, 67, "M", 'keyword.other.unit.appliance'],
  [35, 5, "check-interval", 'variable.other.property.appliance'],
  [35, 22, "15", 'constant.numeric.appliance'],
  [35, 24, "min", 'keyword.other.unit.appliance'],
  [36, 5, "reboot", 'variable.other.property.appliance'],
  [36, 14, "auto", 'variable.other.constant.appliance'],
  [38, 3, "lockdown", 'entity.name.type.block.appliance'],
  [38, 14, "sysrq", 'variable.other.property.appliance'],
  [38, 22, "off", 'constant.language.boolean.appliance'],
  [38, 27, "ctrl-alt-del", 'variable.other.property.appliance'],
  [38, 42, "no", 'constant.language.boolean.appliance'],
  [38, 46, "emergency-shell", 'variable.other.property.appliance'],
  [38, 64, "true", 'constant.language.boolean.appliance'],
  [39, 1, "}", 'punctuation.section.block.end.appliance'],
];

// [line, column, scope] that the token there must not have.
const NOT_EXPECTED = [
  [15, 3, 'entity.name.type.block.appliance'], // `board = mine`: a property, not a block
  [19, 7, 'entity.name.type.block.appliance'], // a word in a list that opens a line
  [24, 17, 'comment.line.number-sign.appliance'], // `#` inside a text block
  [25, 23, 'punctuation.section.block.begin.appliance'], // `{` inside a text block
  [25, 25, 'entity.name.type.block.appliance'], // `partition` inside a text block
  [27, 7, 'string.quoted.triple.appliance'], // after the text block
  [9, 20, 'punctuation.separator.comma.appliance'], // `,` inside a string
];

describe('the fixture', () => {
  const text = readFileSync(fixturePath, 'utf8');
  let tokenized;
  before(() => {
    tokenized = tokenize(text);
  });

  for (const [line, column, expectedText, scope] of EXPECTED) {
    test(`${line}:${column} ${JSON.stringify(expectedText)} is ${scope}`, () => {
      const { tokens } = tokenized.lines[line - 1];
      const token = tokens.find((t) => t.start === column - 1);
      assert.ok(token, `a token starts at ${line}:${column}: ${JSON.stringify(tokens.map((t) => t.text))}`);
      assert.equal(token.text, expectedText);
      assert.ok(token.scopes.includes(scope), `scopes: ${token.scopes.join(' ')}`);
    });
  }

  for (const [line, column, scope] of NOT_EXPECTED) {
    test(`${line}:${column} is not ${scope}`, () => {
      assert.ok(!scopesAt(tokenized, line - 1, column - 1).includes(scope));
    });
  }

  test('the text block spans its lines: every character of the lines inside is text', () => {
    for (const line of [24, 25, 26]) {
      const { tokens } = tokenized.lines[line - 1];
      for (const t of tokens) {
        assert.ok(t.scopes.includes('string.quoted.triple.appliance'), `${line}:${t.start + 1} ${t.scopes}`);
      }
    }
  });

  test('the fixture agrees with the reference parser', () => checkValid('scopes.appliance', text));
});

// ---------------------------------------------------------------------------------------
// Text as it is while being typed

describe('incomplete text', () => {
  test('an unterminated string ends at the end of its line', () => {
    const t = tokenize('a = "abc\nb = 1');
    assert.ok(scopesAt(t, 0, 6).includes('string.quoted.double.appliance'));
    assert.ok(scopesAt(t, 1, 0).includes('variable.other.property.appliance'));
  });

  test('a block header without its brace yet does not swallow the next line', () => {
    const t = tokenize('partition esp\n  size = 1M');
    assert.ok(scopesAt(t, 0, 0).includes('entity.name.type.block.appliance'));
    assert.ok(scopesAt(t, 1, 2).includes('variable.other.property.appliance'));
  });

  test('a property without its value yet leaves the next line alone', () => {
    const t = tokenize('disk {\n  size =\n  partition esp {}\n}');
    assert.ok(scopesAt(t, 2, 2).includes('entity.name.type.block.appliance'));
    assert.ok(atTopLevel(t.state));
  });

  test('an unterminated text block runs to the end of the file, as the compiler reads it', () => {
    const t = tokenize('content = """\nabc\n# x\n');
    assert.ok(scopesAt(t, 2, 0).includes('string.quoted.triple.appliance'));
    assert.ok(!atTopLevel(t.state));
  });

  test('a stray closing brace is marked invalid', () => {
    const t = tokenize('}');
    assert.ok(scopesAt(t, 0, 0).includes('invalid.illegal.unmatched-brace.appliance'));
  });
});

// ---------------------------------------------------------------------------------------
// The manifest and the language configuration

describe('the manifest and the language configuration', () => {
  const config = JSON.parse(readFileSync(path.join(extensionDir, 'language-configuration.json'), 'utf8'));

  test('the language, grammar, command and setting are contributed', () => {
    const c = manifest.contributes;
    assert.deepEqual(c.languages[0].extensions, ['.appliance']);
    assert.equal(c.languages[0].id, 'appliance');
    assert.equal(c.grammars[0].language, 'appliance');
    assert.equal(c.grammars[0].scopeName, 'source.appliance');
    assert.equal(JSON.parse(readFileSync(grammarPath, 'utf8')).scopeName, 'source.appliance');
    assert.ok(c.commands.some((x) => x.command === 'applc.restartServer'));
    assert.equal(c.configuration.properties['applc.path'].default, 'applc');
    assert.ok(manifest.activationEvents.includes('onLanguage:appliance'));
  });

  test('comments, brackets and pairs', () => {
    assert.equal(config.comments.lineComment, '#');
    assert.ok(config.autoClosingPairs.some((p) => p.open === '"' && p.close === '"'));
    assert.deepEqual(config.brackets.map((b) => b[0]), ['{', '[', '(']);
  });

  test('the word pattern takes whole names, sizes and standard-library paths', () => {
    const re = new RegExp(config.wordPattern, 'g');
    const words = (s) => s.match(re);
    assert.deepEqual(words('getty@tty2.service linux-image-amd64 tpm2+key-file'), [
      'getty@tty2.service',
      'linux-image-amd64',
      'tpm2+key-file',
    ]);
    assert.deepEqual(words('size = 1.5G; offset = 0x3fc000'), ['size', '1.5G', 'offset', '0x3fc000']);
    assert.deepEqual(words('import std:boards/rpi4'), ['import', 'std:boards/rpi4']);
  });

  test('indentation rules: a line that opens a block or a list indents the next', () => {
    const inc = new RegExp(config.indentationRules.increaseIndentPattern);
    const dec = new RegExp(config.indentationRules.decreaseIndentPattern);
    for (const s of ['partition esp {', '  packages = [', 'slots [a, b] {  # two slots', 'x = signed(']) {
      assert.ok(inc.test(s), s);
    }
    for (const s of ['  size = 1M', 'a = "{"', 'a = 1 # {', 'partition esp { size = 1M }', 'x = "a\\"{"']) {
      assert.ok(!inc.test(s), s);
    }
    for (const s of ['}', '  ]', '  )']) assert.ok(dec.test(s), s);
    assert.ok(!dec.test('  size = 1M'));
  });
});
