#include "planner/rules/suppression.h"
#include "parser/source.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace migsim {

bool line_silences(std::string_view line, std::string_view rule) {
  size_t at = line.find("migsim:");
  if (at == std::string_view::npos) return false;
  // Only in a comment: "--" or "#" before it on the line.
  std::string_view before = line.substr(0, at);
  if (before.find("--") == std::string_view::npos && before.find('#') == std::string_view::npos)
    return false;
  std::string_view rest = line.substr(at + 7);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.substr(0, 6) != "ignore") return false;
  rest.remove_prefix(6);
  std::string word;
  auto matches = [&](const std::string& w) { return w == rule || w == "all"; };
  for (char c : rest) {
    if (c == ',' || c == ' ' || c == '\t' || c == '\r') {
      if (matches(word)) return true;
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  return matches(word);
}

namespace {
/// The comment of `line` that carries "migsim:", from its "--" or "#" on, trimmed.
std::string comment_of(std::string_view line) {
  size_t at = line.find("migsim:");
  std::string_view before = line.substr(0, at);
  size_t dash = before.rfind("--"), hash = before.rfind('#');
  size_t start = dash == std::string_view::npos   ? hash
                 : hash == std::string_view::npos ? dash
                                                  : std::max(dash, hash);
  std::string_view c = line.substr(start);
  while (!c.empty() && (c.back() == ' ' || c.back() == '\t' || c.back() == '\r'))
    c.remove_suffix(1);
  return std::string(c);
}
}  // namespace

std::vector<SilencedFinding> apply_suppressions(std::vector<Finding>& findings) {
  std::map<std::string, std::vector<std::string>> files;  // path -> lines
  auto lines_of = [&](const std::string& path) -> const std::vector<std::string>& {
    auto it = files.find(path);
    if (it != files.end()) return it->second;
    std::vector<std::string> lines;
    note_input_file(path);
    std::ifstream in(path, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
    return files.emplace(path, std::move(lines)).first->second;
  };
  std::vector<SilencedFinding> removed;
  std::vector<Finding> kept;
  for (auto& f : findings) {
    uint32_t by = 0;  // the line of the comment that silences it
    if (!f.file.empty() && f.line > 0) {
      const auto& lines = lines_of(f.file);
      for (uint32_t l : {f.line, f.line - 1}) {
        if (!by && l >= 1 && l <= lines.size() && line_silences(lines[l - 1], f.rule)) by = l;
      }
    }
    if (by) {
      std::string comment = comment_of(lines_of(f.file)[by - 1]);
      removed.push_back({std::move(f), std::move(comment), by});
    } else {
      kept.push_back(std::move(f));
    }
  }
  findings = std::move(kept);
  return removed;
}

}  // namespace migsim
