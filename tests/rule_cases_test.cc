// Every rule of the rule table has its cases under fixtures/rules/<id>/: a
// positive one, a negative one, and one for each way it can be silenced. The
// cases run the migsim binary as a user would and check what it prints.

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "planner/rules/rule_table.h"
#include "tests/case_file.h"
#include "tests/cli_runner.h"

namespace migsim {
namespace {

/// One case of fixtures/rules/<id>/cases.txt:
///
///   [positive] what it shows
///   run: plan --config fires/migsim.toml --empty --fail-on never
///   exit: 0
///   expect: text the output must contain
///   reject: text the output must not contain
///   silenced: 0
struct RuleCase {
  std::string kind;
  std::string title;
  std::vector<std::string> args;
  int exit_code = -1;  ///< -1: not checked
  std::vector<std::string> expect, reject;
  int silenced = -1;  ///< -1: not checked
  unsigned line = 0;
};

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

std::vector<RuleCase> read_cases(const std::string& text, std::string& error) {
  std::vector<RuleCase> out;
  std::istringstream in(text);
  std::string line;
  unsigned n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') {
      size_t close = line.find(']');
      if (close == std::string::npos) {
        error = "line " + std::to_string(n) + ": no ']'";
        return {};
      }
      RuleCase c;
      c.kind = line.substr(1, close - 1);
      c.title = line.substr(std::min(line.size(), close + 2));
      c.line = n;
      out.push_back(c);
      continue;
    }
    size_t colon = line.find(": ");
    if (out.empty() || colon == std::string::npos) {
      error = "line " + std::to_string(n) + ": expected '[kind] title' or 'key: value'";
      return {};
    }
    std::string key = line.substr(0, colon), value = line.substr(colon + 2);
    RuleCase& c = out.back();
    if (key == "run")
      c.args = split_words(value);
    else if (key == "exit")
      c.exit_code = std::stoi(value);
    else if (key == "expect")
      c.expect.push_back(value);
    else if (key == "reject")
      c.reject.push_back(value);
    else if (key == "silenced")
      c.silenced = std::stoi(value);
    else {
      error = "line " + std::to_string(n) + ": unknown key '" + key + "'";
      return {};
    }
  }
  return out;
}

/// The total of the text report's "N findings silenced by migsim:ignore comments" lines.
int silenced_in(const std::string& out) {
  int total = 0;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find(" silenced by migsim:ignore comments") == std::string::npos) continue;
    total += std::stoi(line);
  }
  return total;
}

/// Every rule has these; one whose findings have a line also has silenced-sql or
/// silenced-python, or both. For duplicate-revision and revision-cycle the off
/// cases show the level changes nothing: the history is still bad input.
const char* const kRequiredKinds[] = {"positive", "negative", "off-config", "off-flag"};

void run_case(const RuleInfo& rule, const std::string& dir, const RuleCase& c) {
  INFO("fixtures/rules/" << rule.id << "/cases.txt:" << c.line << ": [" << c.kind << "] "
                         << c.title);
  REQUIRE_FALSE(c.args.empty());
  auto r = testing::run_migsim(c.args, dir);
  INFO("stdout:\n" << r.out << "stderr:\n" << r.err);
  if (c.exit_code >= 0) CHECK(r.exit_code == c.exit_code);
  for (const auto& e : c.expect) {
    INFO("expected: " << e);
    CHECK((r.out.find(e) != std::string::npos || r.err.find(e) != std::string::npos));
  }
  for (const auto& e : c.reject) {
    INFO("rejected: " << e);
    CHECK(r.out.find(e) == std::string::npos);
  }
  // A history with no usable order is bad input: exit 2 and a message, no finding.
  if (rule.silencing == Silencing::kNever) {
    CHECK(r.exit_code == (c.kind == "negative" ? 0 : 2));
  } else {
    bool fires = r.out.find("[" + std::string(rule.id) + "]") != std::string::npos;
    CHECK(fires == (c.kind == "positive"));
  }
  if (c.kind.rfind("silenced-", 0) == 0) {
    REQUIRE(c.silenced >= 1);
  }
  if (c.kind.rfind("off-", 0) == 0 && rule.silencing != Silencing::kNever) {
    REQUIRE(c.silenced == 0);  // a rule turned off is not counted as silenced
  }
  if (c.silenced >= 0) CHECK(silenced_in(r.out) == c.silenced);
}

TEST_CASE("every rule has positive, negative and silenced cases, and they hold") {
  for (const RuleInfo& rule : rule_table()) {
    std::string id(rule.id);
    std::string dir = testing::source_path("fixtures/rules/" + id);
    DYNAMIC_SECTION("rule " << id) {
      REQUIRE(std::filesystem::is_regular_file(dir + "/cases.txt"));
      std::string error;
      auto cases = read_cases(testing::read_file(dir + "/cases.txt"), error);
      INFO(error);
      REQUIRE(error.empty());
      std::set<std::string> kinds;
      for (const auto& c : cases) kinds.insert(c.kind);
      for (const char* k : kRequiredKinds) {
        INFO("missing case kind: " << k);
        CHECK(kinds.count(k) == 1);
      }
      size_t inline_cases = kinds.count("silenced-sql") + kinds.count("silenced-python");
      if (rule.silencing == Silencing::kLineOrLevel) {
        INFO("no case silences it with a migsim:ignore comment");
        CHECK(inline_cases >= 1);
      } else {
        INFO("its findings have no line, so a migsim:ignore case cannot show anything");
        CHECK(inline_cases == 0);
      }
      for (const auto& c : cases) {
        INFO("unknown case kind: " << c.kind);
        CHECK((c.kind == "positive" || c.kind == "negative" || c.kind == "silenced-sql" ||
               c.kind == "silenced-python" || c.kind == "off-config" || c.kind == "off-flag"));
      }
      for (const auto& c : cases) run_case(rule, dir, c);
    }
  }
}

TEST_CASE("no rule fixtures are left without a rule") {
  std::set<std::string> ids;
  for (const RuleInfo& rule : rule_table()) ids.insert(std::string(rule.id));
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::source_path("fixtures/rules"))) {
    if (!entry.is_directory()) continue;
    std::string name = entry.path().filename().string();
    INFO(name);
    CHECK((ids.count(name) == 1 || name == "thresholds" || name == "environments"));
  }
}

}  // namespace
}  // namespace migsim
