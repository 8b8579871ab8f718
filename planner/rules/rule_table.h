#pragma once
// The one table of rules: each finding's stable id, its default severity and
// what it finds. Each rule's page is docs/rules/<id>.md.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace migsim {

struct RuleInfo {
  std::string_view id;
  std::string_view severity;  ///< default: error, warning or info
  std::string_view summary;
};

const std::vector<RuleInfo>& rule_table();

/// docs/rules/<id>.md of every rule, embedded at build time.
const std::map<std::string, std::string_view>& rule_docs();
const RuleInfo* find_rule(std::string_view id);

}  // namespace migsim
