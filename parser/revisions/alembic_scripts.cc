// Alembic revision scripts, read without running Python: the module-level
// `revision`, `down_revision`, `branch_labels` and `depends_on` assignments
// (plain or annotated) and the module docstring. Bodies stay unread for now.

#include <filesystem>
#include <map>
#include <regex>

#include "parser/python/lexer.h"
#include "parser/python/literal.h"
#include "parser/revisions/readers.h"
#include "parser/sql_parser.h"

namespace migsim::revisions {

namespace {

namespace fs = std::filesystem;
using python::Literal;
using python::Token;
using python::TokenKind;

struct Assignment {
  Literal value;
  const Token* name = nullptr;
};

InputError error_at(const SourceFile& src, uint32_t offset, std::string message) {
  Location loc = src.locate(offset);
  return {src.path(), loc.line, loc.column, std::move(message)};
}

/// Reads the header assignments found at module level (indentation 0),
/// the last one winning as in Python.
bool read_assignments(const SourceFile& src, const std::vector<Token>& tokens,
                      std::map<std::string, Assignment>& out, InputError& error) {
  static const std::set<std::string_view> kKeys = {"revision", "down_revision", "branch_labels",
                                                   "depends_on"};
  int depth = 0;
  bool line_start = true;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == TokenKind::kIndent) {
      ++depth;
      continue;
    }
    if (t.kind == TokenKind::kDedent) {
      --depth;
      continue;
    }
    if (t.kind == TokenKind::kNewline || t.is_op(";")) {
      line_start = true;
      continue;
    }
    bool starts = line_start;
    line_start = false;
    if (!starts || depth != 0 || t.kind != TokenKind::kName || !kKeys.count(std::string(t.text)))
      continue;
    size_t j = i + 1;
    if (tokens[j].is_op(":")) {
      // An annotated assignment: skip the annotation up to its '='.
      while (tokens[j].kind != TokenKind::kNewline && tokens[j].kind != TokenKind::kEndMarker &&
             !tokens[j].is_op("="))
        ++j;
      if (!tokens[j].is_op("=")) continue;  // a bare annotation assigns nothing
    } else if (!tokens[j].is_op("=")) {
      continue;
    }
    ++j;
    Assignment a;
    a.name = &t;
    std::string why;
    size_t k = j;
    if (!python::read_literal(tokens, k, a.value, why)) {
      error = error_at(src, tokens[k].offset,
                       std::string(t.text) + " must be a literal value (" + why +
                           "); migsim reads revision scripts without running them");
      return false;
    }
    out[std::string(t.text)] = std::move(a);
    i = k - 1;
  }
  return true;
}

/// A string, a tuple/list/set of strings, or None, as Alembic's util.to_tuple takes it.
bool string_list(const SourceFile& src, const std::string& key, const Literal& v,
                 std::vector<std::string>& out, InputError& error) {
  auto bad = [&](const Literal& at) {
    error =
        error_at(src, at.offset, key + " must be None, a string, or a tuple or list of strings");
    return false;
  };
  switch (v.kind) {
    case Literal::Kind::kNone:
      return true;
    case Literal::Kind::kString:
      out.push_back(v.text);
      return true;
    case Literal::Kind::kTuple:
    case Literal::Kind::kList:
    case Literal::Kind::kSet:
      for (const Literal& item : v.items) {
        if (item.kind != Literal::Kind::kString) return bad(item);
        out.push_back(item.text);
      }
      return true;
    default:
      return bad(v);
  }
}

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

/// The module docstring: a first statement made of string literals only.
std::string module_docstring(const std::vector<Token>& tokens) {
  std::string doc;
  size_t i = 0;
  while (tokens[i].kind == TokenKind::kString && !tokens[i].bytes) doc += tokens[i++].value;
  if (i == 0 || tokens[i].kind != TokenKind::kNewline) return "";
  return doc;
}

void read_docstring(const std::string& doc, Revision& rev) {
  std::string longdoc = trim(doc);
  // Alembic's Script.doc: the first paragraph of the stripped docstring.
  size_t para = longdoc.find("\n\n");
  std::string first = para == std::string::npos ? longdoc : longdoc.substr(0, para);
  if (first.rfind("Revision ID:", 0) != 0) rev.message = first;
  size_t pos = 0;
  while (pos <= longdoc.size()) {
    size_t nl = longdoc.find('\n', pos);
    std::string line = trim(longdoc.substr(pos, nl == std::string::npos ? nl : nl - pos));
    if (line.rfind("Create Date:", 0) == 0) rev.create_date = trim(line.substr(12));
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
}

/// The offsets of `def upgrade(...)` and of the end of its body.
void find_upgrade(const std::vector<Token>& tokens, const SourceFile& src, Revision& rev) {
  int depth = 0;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == TokenKind::kIndent) ++depth;
    if (t.kind == TokenKind::kDedent) --depth;
    if (depth != 0 || !t.is_name("def") || !tokens[i + 1].is_name("upgrade")) continue;
    rev.body_begin = t.offset;
    rev.body_end = static_cast<uint32_t>(src.text().size());
    int d = 0;
    for (size_t j = i + 1; j < tokens.size(); ++j) {
      if (tokens[j].kind == TokenKind::kIndent) ++d;
      if (tokens[j].kind == TokenKind::kDedent && --d == 0) {
        rev.body_end = tokens[j].offset;
        break;
      }
    }
    return;
  }
}

bool read_script(const std::string& path, const std::string& filename, Revision& rev,
                 InputError& error) {
  auto source = read_source_file(path, error);
  if (!source) return false;
  // Python refuses a source file that is not UTF-8 (no PEP 263 declaration is
  // honoured here), wherever the bad byte is, even in a comment.
  if (auto bad = find_invalid_utf8(source->text())) {
    Location at = source->locate(static_cast<uint32_t>(*bad));
    error = {path, at.line, at.column,
             "(unicode error) 'utf-8' codec can't decode byte: invalid UTF-8"};
    return false;
  }
  python::TokenStream stream;
  if (!python::tokenize(*source, stream, error)) return false;
  std::map<std::string, Assignment> a;
  if (!read_assignments(*source, stream.tokens, a, error)) return false;

  rev.path = path;
  rev.format = SourceFormat::kAlembic;
  rev.source = source;
  auto revision = a.find("revision");
  if (revision == a.end()) {
    // Alembic's legacy naming: the revision id is the file name.
    static const std::regex legacy("^([a-f0-9]+)\\.py$");
    std::smatch m;
    if (!std::regex_match(filename, m, legacy)) {
      error = {path, 0, 0,
               "not an Alembic revision script: no module-level `revision = ...` (Alembic "
               "stops here too: \"Could not determine revision id from filename\")"};
      return false;
    }
    rev.id = m[1];
    rev.location = source->locate(0);
  } else {
    if (revision->second.value.kind != Literal::Kind::kString ||
        revision->second.value.text.empty()) {
      error =
          error_at(*source, revision->second.value.offset, "revision must be a non-empty string");
      return false;
    }
    rev.id = revision->second.value.text;
    rev.location = source->locate(revision->second.name->offset);
  }
  auto down = a.find("down_revision");
  if (down == a.end()) {
    error = {path, rev.location.line, 0,
             "revision " + rev.id + " has no module-level `down_revision = ...` (None for a base)"};
    return false;
  }
  if (!string_list(*source, "down_revision", down->second.value, rev.down_revisions, error))
    return false;
  for (const char* key : {"branch_labels", "depends_on"}) {
    auto it = a.find(key);
    if (it == a.end()) continue;
    auto& list = std::string_view(key) == "branch_labels" ? rev.branch_labels : rev.depends_on;
    if (!string_list(*source, key, it->second.value, list, error)) return false;
  }
  read_docstring(module_docstring(stream.tokens), rev);
  find_upgrade(stream.tokens, *source, rev);
  rev.body = BodyKind::kUnread;
  rev.unread_reason = std::string(kAlembicBodyUnread);
  return true;
}

}  // namespace

bool read_alembic_scripts(const std::string& dir, std::vector<Revision>& out, InputError& error,
                          DirListing* listed) {
  std::string versions = dir;
  // An Alembic script directory (env.py beside versions/) stands for its versions/.
  if (fs::is_directory(fs::path(dir) / "versions") && fs::exists(fs::path(dir) / "env.py")) {
    versions = (fs::path(dir) / "versions").string();
  }
  std::vector<DirEntry> entries;
  if (!list_dir(versions, entries, error, listed)) return false;
  out.reserve(out.size() + entries.size());  // at most a revision an entry
  for (const DirEntry& e : entries) {
    // Alembic's own filter: *.py files other than __init__.py and editor locks.
    if (e.is_dir || e.name.size() < 3 || e.name.compare(e.name.size() - 3, 3, ".py") != 0 ||
        e.name.rfind("__init__", 0) == 0 || e.name.rfind(".#", 0) == 0)
      continue;
    Revision rev;
    if (!read_script(e.path, e.name, rev, error)) return false;
    out.push_back(std::move(rev));
  }
  if (out.empty()) {
    error = {versions, 0, 0, "no Alembic revision scripts (*.py) in this directory"};
    return false;
  }
  return true;
}

}  // namespace migsim::revisions
