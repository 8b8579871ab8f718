#include "planner/rules/rule_table.h"

namespace migsim {

const std::vector<RuleInfo>& rule_table() {
  static const std::vector<RuleInfo> rules = {
      {"would-fail", "error", "a statement PostgreSQL would reject, and what rolls back with it"},
      {"protected-schema-write", "error",
       "a statement that changes a schema owned by another system"},
      {"redundant-revision", "warning",
       "a pending revision that changes nothing in this environment"},
      {"out-of-band-object", "warning",
       "an object in the snapshot that no applied revision creates", Silencing::kLevelOnly},
      {"missing-object", "warning",
       "an object the applied revisions create that the snapshot lacks", Silencing::kLevelOnly},
      {"schema-drift", "warning",
       "a column whose type, nullability or default differs from what the revisions made",
       Silencing::kLevelOnly},
      {"unused-table", "info",
       "an empty table nothing references: no foreign key, view, code or later revision"},
      {"not-null-without-default", "error",
       "a NOT NULL column without a default, or SET NOT NULL, on a table that has rows"},
      {"table-rewrite", "warning",
       "a type change that is not binary-coercible, or a volatile default, on a table with rows"},
      {"blocking-lock", "warning", "an ACCESS EXCLUSIVE lock on a large table"},
      {"index-not-concurrent", "warning", "CREATE INDEX without CONCURRENTLY on a large table"},
      {"concurrently-in-transaction", "error",
       "CONCURRENTLY inside the migration tool's transaction, where PostgreSQL refuses it"},
      {"unknown-statement", "info", "a statement migsim cannot model, so nothing checked it"},
      {"duplicate-revision", "error", "two revisions with the same id", Silencing::kNever},
      {"missing-down-revision", "error", "a down revision that does not exist"},
      {"missing-dependency", "error", "a depends_on revision that does not exist"},
      {"duplicate-branch-label", "error", "a branch label used by two revisions"},
      {"revision-cycle", "error", "revisions that depend on each other in a cycle",
       Silencing::kNever},
      {"multiple-heads", "warning", "more than one head: an upgrade to 'head' is ambiguous"},
  };
  return rules;
}

const RuleInfo* find_rule(std::string_view id) {
  for (const auto& r : rule_table())
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace migsim
