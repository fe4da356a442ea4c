// The appliance language: a small, regular block-and-property syntax.
//
// The grammar is deliberately generic (blocks, properties, values); which blocks and
// properties exist, and what types their values have, is the compiler's schema. That
// keeps the parser stable while the language grows, and lets the compiler give
// "unknown property `sise`, did you mean `size`" instead of a syntax error.
grammar Appliance;

file
    : header? importDecl* statement* EOF
    ;

// `applc 1`: the language version this file is written in.
header
    : APPLC version=NUMBER
    ;

// `import std:boards/rpi4` (standard library) or `import "boards/mine.appliance"`.
importDecl
    : IMPORT target=(STD_PATH | STRING)
    ;

statement
    : property
    | block
    ;

// `size = 512M` (a trailing `;` is allowed so that several fit on one line).
property
    : key=IDENT ASSIGN value SEMI?
    ;

// `partition esp { ... }`, `os debian bookworm { ... }`, `slots [a, b] { ... }`,
// `disk extends ab-verity-usr { ... }`.
block
    : kind=IDENT label* extendsClause? LBRACE statement* RBRACE SEMI?
    ;

label
    : IDENT
    | STRING
    | list
    ;

extendsClause
    : EXTENDS parent=IDENT
    ;

value
    : STRING                                           # stringValue
    | TEXT                                             # textValue
    | NUMBER                                           # numberValue
    | HEX                                              # hexValue
    | fn=IDENT LPAREN (value (COMMA value)*)? RPAREN   # callValue
    | IDENT                                            # identValue
    | list                                             # listValue
    ;

list
    : LBRACK (value (COMMA value)* COMMA?)? RBRACK
    ;

APPLC   : 'applc' ;
IMPORT  : 'import' ;
EXTENDS : 'extends' ;

ASSIGN : '=' ;
SEMI   : ';' ;
COMMA  : ',' ;
LBRACE : '{' ;
RBRACE : '}' ;
LBRACK : '[' ;
RBRACK : ']' ;
LPAREN : '(' ;
RPAREN : ')' ;

// Standard-library import target; longer than any IDENT it starts with.
STD_PATH : 'std:' [a-zA-Z0-9_] [a-zA-Z0-9_./-]* ;

// 0x100000: offsets and sizes as firmware documents write them.
HEX : '0' [xX] [0-9a-fA-F]+ ;

// 512M, 1.5G, 15min, 3, 0644: digits, an optional fraction, an optional unit.
// The compiler decides what a unit means in context.
NUMBER : [0-9]+ ('.' [0-9]+)? [a-zA-Z]* ;

// Names: partitions, packages (linux-image-amd64), units (app.service,
// getty@tty2.service), references (keys.db), enum values (x86-64, tpm2+key-file).
IDENT : [a-zA-Z_] [a-zA-Z0-9_.@+-]* ;

// """ ... """: multi-line text, taken verbatim (inline files and unit bodies).
TEXT : '"""' .*? '"""' ;

// A text block that never closes (no `"""` follows it); reported by the compiler.
UNTERMINATED_TEXT : '"""' TEXT_CHAR* ('"' | '""')? EOF ;

// Text that does not contain `"""`.
fragment TEXT_CHAR : ~'"' | '"' ~'"' | '""' ~'"' ;

STRING : '"' (ESCAPE | ~["\\\r\n])* '"' ;

// A string that reaches the end of the line: reported by the compiler, not as token soup.
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* ;

fragment ESCAPE : '\\' . ;

COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ;

WS : [ \t\r\n]+ -> channel(HIDDEN) ;

// Anything else is one bad character; the parser reports it with its position.
BAD_CHAR : . ;
