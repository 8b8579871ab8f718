#include "tests/case_file.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace migsim::testing {

std::vector<Expectation> read_expectations(const std::string& text, std::string& error) {
  std::vector<Expectation> out;
  std::istringstream in(text);
  std::string line;
  unsigned number = 0;
  const std::string marker = "-- expect:";
  while (std::getline(in, line)) {
    ++number;
    size_t at = line.find_first_not_of(" \t");
    if (at == std::string::npos || line.compare(at, marker.size(), marker) != 0) continue;
    std::string rest = line.substr(at + marker.size());
    std::istringstream words(rest);
    std::string outcome_word;
    words >> outcome_word;
    Expectation e{};
    e.line = number;
    if (!parse_outcome(outcome_word, e.outcome)) {
      error = "line " + std::to_string(number) + ": unknown outcome '" + outcome_word + "'";
      return {};
    }
    std::string remainder;
    std::getline(words, remainder);
    remainder.erase(0, remainder.find_first_not_of(' '));
    if (e.outcome == Outcome::kFails || e.outcome == Outcome::kSkipped) {
      size_t sp = remainder.find(' ');
      e.sqlstate = remainder.substr(0, sp);
      e.message = sp == std::string::npos ? "" : remainder.substr(sp + 1);
    } else {
      e.message = remainder;
    }
    out.push_back(e);
  }
  return out;
}

std::string source_path(const std::string& relative) {
  return std::string(MIGSIM_SOURCE_DIR) + "/" + relative;
}

std::vector<std::string> case_files() {
  std::vector<std::string> out;
  std::filesystem::path root = source_path("fixtures/cases");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sql") {
      out.push_back(std::filesystem::relative(entry.path(), MIGSIM_SOURCE_DIR).string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace migsim::testing
