#pragma once
// The one table of rules: each finding's stable id, its default severity and
// what it finds. Each rule's page is docs/rules/<id>.md.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace migsim {

/// How a rule's findings can be silenced.
enum class Silencing {
  kLineOrLevel,  ///< a finding has a file and line: a migsim:ignore comment, or its level
  kLevelOnly,    ///< a finding has no line of its own (the snapshot's objects): its level
  kNever,        ///< the history has no usable order: bad input, whatever the level
};

struct RuleInfo {
  std::string_view id;
  std::string_view severity;  ///< default: error, warning or info
  std::string_view summary;
  Silencing silencing = Silencing::kLineOrLevel;
};

const std::vector<RuleInfo>& rule_table();

/// docs/rules/<id>.md of every rule, embedded at build time.
const std::map<std::string, std::string_view>& rule_docs();
const RuleInfo* find_rule(std::string_view id);

}  // namespace migsim
