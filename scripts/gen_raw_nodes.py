#!/usr/bin/env python3
"""Writes the C++ that turns PostgreSQL's raw parse nodes into the tape of
libpg_query's JSON parse tree (parser/raw_tree.h), from the struct and enum
definitions in PostgreSQL 15's server headers.

libpg_query 15 writes a node as {"Kind":{fields}}, its fields in struct order:
integers and characters when not zero, booleans when true, strings and lists
and pointers when not null, enums always (by name); a pointer to a node of a
fixed kind is written bare ({fields}), a `Node *` or `Expr *` wrapped. The
node kinds written here are those named in the kinds file; a tree holding any
other kind is not written (the caller parses it as JSON instead), and the
kinds file lists only kinds whose writing a test compares with libpg_query's.

Usage: gen_raw_nodes.py SERVER_INCLUDE_DIR KINDS_FILE OUTPUT
"""

import re
import sys

HEADERS = ["nodes/nodes.h", "nodes/primnodes.h", "nodes/parsenodes.h",
           "nodes/lockoptions.h", "nodes/value.h"]

SIGNED = {"int", "int16", "int32", "AttrNumber", "long"}
UNSIGNED = {"Oid", "Index", "uint32", "bits32", "AclMode", "SubTransactionId"}
# Written by hand in parser/raw_tree.cc: the value nodes, A_Const and lists.
SPECIAL = {"Integer", "Float", "Boolean", "String", "BitString", "A_Const", "List"}
# libpg_query 15 puts LIMIT_OPTION_DEFAULT first, so that zero means "no limit".
ENUM_ORDER = {"LimitOption": ["LIMIT_OPTION_DEFAULT", "LIMIT_OPTION_COUNT",
                              "LIMIT_OPTION_WITH_TIES"]}


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def read_headers(include_dir):
    text = ""
    for h in HEADERS:
        with open(f"{include_dir}/{h}", encoding="utf-8") as f:
            text += strip_comments(f.read()) + "\n"
    # Preprocessor lines carry no struct or enum members here.
    return re.sub(r"^\s*#[^\n]*(\\\n[^\n]*)*", " ", text, flags=re.M)


def parse_enums(text):
    enums = {}
    for m in re.finditer(r"typedef\s+enum\s+\w*\s*\{(.*?)\}\s*(\w+)\s*;", text, re.S):
        body, name = m.group(1), m.group(2)
        values, nxt = {}, 0
        for item in body.split(","):
            item = item.strip()
            if not item:
                continue
            if "=" in item:
                ident, expr = (s.strip() for s in item.split("=", 1))
                if re.fullmatch(r"'.'", expr):
                    nxt = ord(expr[1])
                elif re.fullmatch(r"-?\d+", expr):
                    nxt = int(expr)
                elif re.fullmatch(r"0x[0-9a-fA-F]+", expr):
                    nxt = int(expr, 16)
                elif expr in values:
                    nxt = values[expr]
                else:
                    values = None  # a value we cannot evaluate: not written
                    break
            else:
                ident = item
            values[ident] = nxt
            nxt += 1
        if values is not None:
            enums[name] = values
    for name, order in ENUM_ORDER.items():
        enums[name] = {ident: i for i, ident in enumerate(order)}
    return enums


def parse_structs(text):
    structs = {}
    # "typedef struct X {...} X;", and "struct X {...};" (typedef'd elsewhere).
    pattern = r"(?:typedef\s+)?struct\s+(\w+)\s*\{(.*?)\}\s*(\w*)\s*;"
    for m in re.finditer(pattern, text, re.S):
        body, name = m.group(2), m.group(3) or m.group(1)
        if "{" in body:
            fields = None  # a nested union or struct: written by hand if at all
        else:
            fields = []
            for decl in body.split(";"):
                decl = " ".join(decl.split())
                if not decl:
                    continue
                dm = re.fullmatch(r"(?:const )?(?:struct )?(\w+)\s*(\*?)\s*(\w+)", decl)
                if not dm:
                    fields = None
                    break
                fields.append((dm.group(1), dm.group(2) == "*", dm.group(3)))
        structs[name] = fields
    return structs


def node_tags(text):
    m = re.search(r"typedef\s+enum\s+NodeTag\s*\{(.*?)\}\s*NodeTag", text, re.S)
    return {t.strip()[2:] for t in m.group(1).split(",") if t.strip().startswith("T_")}


# The literals parser/raw_tree.cc writes itself.
HAND_LITERALS = ["version", "stmts", "ival", "fval", "boolval", "sval", "bsval", "items", "isnull",
                 "location", "Integer", "Float", "Boolean", "String", "BitString", "A_Const", "List",
                 "IntList", "OidList"]
LITERALS = {}


def lit(text):
    """The constant naming a literal string (a Literal: its number and text)."""
    if text not in LITERALS:
        LITERALS[text] = len(LITERALS)
    return f"kL_{text}"


def field_code(ftype, ptr, fname, enums, tags, kinds):
    """The C++ writing one field, or None when its type is not supported."""
    if fname == "type" and ftype == "NodeTag" and not ptr:
        return ""
    if fname == "xpr" and ftype == "Expr" and not ptr:
        return ""  # libpg_query leaves the expression header out
    if ptr and ftype not in ("char", "List", "Node", "Expr") and not (ftype in tags and
                                                                       ftype in kinds):
        # A kind not listed, or a bitmap set: the tree is not written when one is there.
        return f"if (n->{fname}) w.fail();"
    f = f"n->{fname}"
    key = f"w.key({lit(fname)});"
    if ptr:
        if ftype == "char":
            return f"if ({f}) {{ {key} w.string({f}); }}"
        if ftype == "List":
            return f"if ({f}) {{ {key} write_list(w, {f}); }}"
        if ftype in ("Node", "Expr"):
            return f"if ({f}) {{ {key} write_node(w, reinterpret_cast<const Node*>({f})); }}"
        return (f"if ({f}) {{ {key} w.start_object(); write_{ftype}(w, {f}); "
                f"w.end_object(); }}")
    if ftype in SIGNED or ftype in UNSIGNED:
        return f"if ({f} != 0) {{ {key} w.number(static_cast<int64_t>({f})); }}"
    if ftype == "bool":
        return f"if ({f}) {{ {key} w.boolean(true); }}"
    if ftype == "char":
        return f"if ({f} != 0) {{ {key} w.string(std::string_view(&{f}, 1)); }}"
    if ftype in enums:
        return f"{key} w.enum_name(name_of_{ftype}(static_cast<int>({f})));"
    return None


def main():
    include_dir, kinds_file, output = sys.argv[1:4]
    with open(kinds_file, encoding="utf-8") as f:
        kinds = [line.split("#")[0].strip() for line in f]
    kinds = [k for k in kinds if k]
    text = read_headers(include_dir)
    enums = parse_enums(text)
    structs = parse_structs(text)
    tags = node_tags(text)
    kindset = set(kinds)

    errors = []
    writers, used_enums = [], set()
    for kind in kinds:
        if kind in SPECIAL:
            continue
        if kind not in tags or structs.get(kind) is None:
            errors.append(f"{kind}: not a node struct the generator can read")
            continue
        lines = []
        for ftype, ptr, fname in structs[kind]:
            code = field_code(ftype, ptr, fname, enums, tags, kindset)
            if code is None:
                errors.append(f"{kind}.{fname}: type {ftype}{' *' if ptr else ''} not supported")
                continue
            if code:
                lines.append("  " + code)
                if not ptr and ftype in enums:
                    used_enums.add(ftype)
        writers.append((kind, lines))
    if errors:
        sys.exit("gen_raw_nodes: " + "; ".join(errors))

    for text in HAND_LITERALS:
        lit(text)
    body = []
    for name in sorted(used_enums):
        body.append(f"Literal name_of_{name}(int v) {{")
        body.append("  switch (v) {")
        seen = set()
        for ident, value in enums[name].items():
            if value in seen:
                continue
            seen.add(value)
            body.append(f"    case {value}: return {lit(ident)};")
        body.append("  }")
        body.append("  return {};")
        body.append("}")
        body.append("")
    for kind, _ in writers:
        lit(kind)
    out = ["// Generated by scripts/gen_raw_nodes.py from PostgreSQL 15's headers; do not edit.",
           "// Included by parser/raw_tree.cc, which declares write_node and write_list.", ""]
    for text, number in LITERALS.items():
        out.append(f'constexpr Literal kL_{text}{{{number}, "{text}"}};')
    out.append(f"static_assert({len(LITERALS)} <= TapeWriter::kLiterals);")
    out.append("")
    out.extend(body)
    for kind, _ in writers:
        out.append(f"void write_{kind}(TapeWriter& w, const {kind}* n);")
    out.append("")
    for kind, lines in writers:
        out.append(f"void write_{kind}([[maybe_unused]] TapeWriter& w, "
                   f"[[maybe_unused]] const {kind}* n) {{")
        out.extend(lines)
        out.append("}")
        out.append("")
    out.append("/// The fields of a node of a generated kind; false for any other kind.")
    out.append("bool write_generated(TapeWriter& w, const Node* node) {")
    out.append("  switch (nodeTag(node)) {")
    for kind, _ in writers:
        out.append(f"    case T_{kind}:")
        out.append(f"      w.key({lit(kind)});")
        out.append("      w.start_object();")
        out.append(f"      write_{kind}(w, reinterpret_cast<const {kind}*>(node));")
        out.append("      w.end_object();")
        out.append("      return true;")
    out.append("    default:")
    out.append("      return false;")
    out.append("  }")
    out.append("}")
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
