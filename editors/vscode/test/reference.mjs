// A small copy of the compiler's lexer and parser (grammar/src/main/antlr4/.../Appliance.g4),
// used as the reference that the TextMate grammar is checked against: it says what every
// token of a spec is (a comment, a string, a property key, a block kind, ...), and the test
// checks that the highlighting gives each one its scope.

// Lexer rules in the order of the ANTLR grammar: the longest match wins, and among equally
// long matches the rule listed first (so `applc` is the keyword, not an identifier).
const RULES = [
  ['APPLC', /applc/y],
  ['IMPORT', /import/y],
  ['EXTENDS', /extends/y],
  ['ASSIGN', /=/y],
  ['SEMI', /;/y],
  ['COMMA', /,/y],
  ['LBRACE', /\{/y],
  ['RBRACE', /\}/y],
  ['LBRACK', /\[/y],
  ['RBRACK', /\]/y],
  ['LPAREN', /\(/y],
  ['RPAREN', /\)/y],
  ['STD_PATH', /std:[a-zA-Z0-9_][a-zA-Z0-9_./-]*/y],
  ['HEX', /0[xX][0-9a-fA-F]+/y],
  ['NUMBER', /[0-9]+(?:\.[0-9]+)?[a-zA-Z]*/y],
  ['IDENT', /[a-zA-Z_][a-zA-Z0-9_.@+-]*/y],
  ['TEXT', /"""[\s\S]*?"""/y],
  ['UNTERMINATED_TEXT', /"""(?:(?!""")[\s\S])*$/y],
  ['STRING', /"(?:\\[\s\S]|[^"\\\r\n])*"/y],
  ['UNTERMINATED_STRING', /"(?:\\[\s\S]|[^"\\\r\n])*/y],
  ['COMMENT', /#[^\r\n]*/y],
  ['WS', /[ \t\r\n]+/y],
  ['BAD_CHAR', /[\s\S]/y],
];

const HIDDEN = new Set(['COMMENT', 'WS']);

/** Splits `text` into tokens {type, start, end, text}, hidden ones (comments, blanks) included. */
export function lex(text) {
  const tokens = [];
  let pos = 0;
  while (pos < text.length) {
    let best = null;
    for (const [type, re] of RULES) {
      re.lastIndex = pos;
      const m = re.exec(text);
      if (m && m[0].length > 0 && (!best || m[0].length > best.text.length)) {
        best = { type, start: pos, end: pos + m[0].length, text: m[0] };
      }
    }
    tokens.push(best);
    pos = best.end;
  }
  return tokens;
}

const BOOLEANS = new Set(['on', 'off', 'yes', 'no', 'true', 'false']);

/**
 * Parses a syntactically valid file and gives each token a role: header, version, import,
 * std-path, key, assign, kind, label, extends, parent, fn, word, bool, string, text, number,
 * hex, comment, or punctuation. Throws on a syntax error.
 */
export function roles(text) {
  const all = lex(text);
  const out = [];
  for (const t of all) {
    if (t.type === 'COMMENT') out.push({ ...t, role: 'comment' });
  }
  const toks = all.filter((t) => !HIDDEN.has(t.type));
  let i = 0;
  const peek = (k = 0) => toks[i + k];
  const fail = (what) => {
    const t = peek();
    throw new Error(`reference parser: expected ${what} at offset ${t ? t.start : 'EOF'}`);
  };
  const take = (type, role) => {
    const t = peek();
    if (!t || t.type !== type) fail(type);
    i++;
    out.push({ ...t, role });
    return t;
  };
  const at = (type, k = 0) => peek(k) !== undefined && peek(k).type === type;

  function value() {
    if (at('STRING')) take('STRING', 'string');
    else if (at('TEXT')) take('TEXT', 'text');
    else if (at('NUMBER')) take('NUMBER', 'number');
    else if (at('HEX')) take('HEX', 'hex');
    else if (at('IDENT') && at('LPAREN', 1)) {
      take('IDENT', 'fn');
      take('LPAREN', 'punctuation');
      if (!at('RPAREN')) {
        value();
        while (at('COMMA')) {
          take('COMMA', 'punctuation');
          value();
        }
      }
      take('RPAREN', 'punctuation');
    } else if (at('IDENT')) {
      take('IDENT', BOOLEANS.has(peek().text) ? 'bool' : 'word');
    } else if (at('LBRACK')) list();
    else fail('a value');
  }

  function list() {
    take('LBRACK', 'punctuation');
    while (!at('RBRACK')) {
      value();
      if (at('COMMA')) take('COMMA', 'punctuation');
      else break;
    }
    take('RBRACK', 'punctuation');
  }

  function statement() {
    if (at('IDENT') && at('ASSIGN', 1)) {
      take('IDENT', 'key');
      take('ASSIGN', 'assign');
      value();
      if (at('SEMI')) take('SEMI', 'punctuation');
      return;
    }
    take('IDENT', 'kind');
    for (;;) {
      if (at('IDENT')) take('IDENT', 'label');
      else if (at('STRING')) take('STRING', 'string');
      else if (at('LBRACK')) list();
      else break;
    }
    if (at('EXTENDS')) {
      take('EXTENDS', 'extends');
      take('IDENT', 'parent');
    }
    take('LBRACE', 'punctuation');
    while (!at('RBRACE')) statement();
    take('RBRACE', 'punctuation');
    if (at('SEMI')) take('SEMI', 'punctuation');
  }

  if (at('APPLC')) {
    take('APPLC', 'header');
    take('NUMBER', 'version');
  }
  while (at('IMPORT')) {
    take('IMPORT', 'import');
    if (at('STD_PATH')) take('STD_PATH', 'std-path');
    else take('STRING', 'string');
  }
  while (i < toks.length) statement();
  return out.sort((a, b) => a.start - b.start);
}
