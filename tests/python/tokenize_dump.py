"""Prints CPython's tokens of each file named on the command line, one a line,
in the form tests/python_lexer_test.cc compares with migsim's tokenizer:

    FILE <path>
    <KIND> <line>:<column in characters> <first line of the token text>

COMMENT, NL and ENCODING tokens are left out (migsim keeps comments apart).
"""
import sys
import token
import tokenize

for path in sys.argv[1:]:
    print("FILE", path)
    with open(path, "rb") as f:
        for t in tokenize.tokenize(f.readline):
            if t.type in (tokenize.COMMENT, tokenize.NL, tokenize.ENCODING):
                continue
            kind = "OP" if t.type == tokenize.OP else token.tok_name[t.type]
            if kind in ("NEWLINE", "INDENT", "DEDENT", "ENDMARKER"):
                print(kind)
            else:
                text = t.string.split("\n")[0].split("\r")[0]
                print(f"{kind} {t.start[0]}:{t.start[1]} {text}")
