#include "planner/rules/identifier_search.h"
#include "parser/source.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace migsim {

namespace {

enum class Comments { kHash, kSql, kC, kNone };

Comments comment_style(std::string_view path) {
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() &&
           path.compare(path.size() - ext.size(), ext.size(), ext) == 0;
  };
  if (ends(".py") || ends(".rb") || ends(".sh") || ends(".toml") || ends(".yaml") || ends(".yml"))
    return Comments::kHash;
  if (ends(".sql")) return Comments::kSql;
  if (ends(".go") || ends(".java") || ends(".js") || ends(".ts") || ends(".kt") || ends(".cs") ||
      ends(".rs") || ends(".c") || ends(".cc") || ends(".cpp") || ends(".h") || ends(".scala") ||
      ends(".php") || ends(".swift"))
    return Comments::kC;
  return Comments::kNone;
}

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// `text` with comments blanked out; string literals are kept (a table name in
/// a query string is a use).
std::string strip_comments(std::string_view text, Comments style) {
  std::string out(text);
  char quote = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    char c = out[i];
    if (quote) {
      if (c == '\\' && style != Comments::kSql) {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '"' || (c == '`' && style == Comments::kC)) {
      quote = c;
      continue;
    }
    bool line_comment =
        (style == Comments::kHash && c == '#') ||
        (style == Comments::kSql && c == '-' && i + 1 < out.size() && out[i + 1] == '-') ||
        (style == Comments::kC && c == '/' && i + 1 < out.size() && out[i + 1] == '/');
    if (line_comment) {
      while (i < out.size() && out[i] != '\n') out[i++] = ' ';
      continue;
    }
    if ((style == Comments::kC || style == Comments::kSql) && c == '/' && i + 1 < out.size() &&
        out[i + 1] == '*') {
      while (i < out.size() && !(out[i] == '*' && i + 1 < out.size() && out[i + 1] == '/'))
        out[i++] = ' ';
      if (i + 1 < out.size()) out[i] = out[i + 1] = ' ';
      ++i;
    }
  }
  return out;
}

}  // namespace

bool mentions_identifier_in_code(std::string_view path, std::string_view text,
                                 std::string_view name) {
  Comments style = comment_style(path);
  std::string clean = style == Comments::kNone ? std::string(text) : strip_comments(text, style);
  size_t pos = 0;
  while ((pos = clean.find(name, pos)) != std::string::npos) {
    bool start = pos == 0 || !word_char(clean[pos - 1]);
    size_t end = pos + name.size();
    bool stop = end >= clean.size() || !word_char(clean[end]);
    if (start && stop) return true;
    pos = end;
  }
  return false;
}

std::vector<std::string> files_mentioning(const std::vector<std::string>& roots,
                                          std::string_view name, size_t limit) {
  std::vector<std::string> out;
  namespace fs = std::filesystem;
  for (const auto& root : roots) {
    std::error_code ec;
    if (!fs::exists(root, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(
             root, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const fs::path& p = it->path();
      if (it->is_directory() && p.filename().string().rfind('.', 0) == 0) {
        it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file() || it->file_size() > (8u << 20)) continue;
      note_input_file(p.string());
      std::ifstream in(p, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      if (mentions_identifier_in_code(p.string(), ss.str(), name)) {
        out.push_back(p.string());
        if (out.size() >= limit) return out;
      }
    }
  }
  return out;
}

}  // namespace migsim
