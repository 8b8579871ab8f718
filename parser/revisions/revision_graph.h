#pragma once
// The graph of a migration history: revisions linked by their down revisions
// (and depends_on), with heads, bases, merges, branch labels, a deterministic
// order to apply them in, and the problems of the graph as structured results.

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parser/revisions/revision.h"

namespace migsim {

struct GraphProblem {
  enum class Severity { kError, kWarning };
  /// A stable kebab-case rule id: duplicate-revision, missing-down-revision,
  /// missing-dependency, duplicate-branch-label, revision-cycle, multiple-heads.
  std::string rule;
  Severity severity = Severity::kError;
  std::string message;
  std::vector<std::string> revisions;  ///< the revisions involved
  std::vector<std::string> files;      ///< their files, in the same order
  std::string file;                    ///< where to look first
  uint32_t line = 0;
};

class RevisionGraph {
 public:
  RevisionGraph() = default;
  explicit RevisionGraph(std::vector<Revision> revisions);
  RevisionGraph(RevisionGraph&&) = default;
  RevisionGraph& operator=(RevisionGraph&&) = default;

  /// Every revision, in the order to apply them (parents before children,
  /// ties broken by the source's own order). Revisions caught in a cycle or
  /// duplicated come last, in source order.
  const std::vector<Revision>& revisions() const { return revisions_; }
  const Revision* find(std::string_view id) const;

  const std::vector<std::string>& heads() const { return heads_; }
  const std::vector<std::string>& bases() const { return bases_; }
  /// Revisions with more than one down revision.
  const std::vector<std::string>& merges() const { return merges_; }
  /// Revisions with more than one child: where branches split.
  const std::vector<std::string>& branch_points() const { return branch_points_; }
  /// Revisions outside an Alembic offline SQL range that its first revisions
  /// revise: where `alembic upgrade A:B --sql` started (A), not missing ones.
  const std::vector<std::string>& starts_from() const { return starts_from_; }
  /// Branch label -> the revision that declares it.
  const std::map<std::string, std::string>& branch_labels() const { return labels_; }
  /// The revisions whose down_revisions name `id`.
  std::vector<std::string> children(std::string_view id) const;
  bool is_head(std::string_view id) const;

  const std::vector<GraphProblem>& problems() const { return problems_; }
  /// True when the graph has no usable order: a duplicate id or a cycle.
  bool broken() const { return broken_; }
  bool has_errors() const;

  /// Resolves what a user may name as a target or current revision: a full
  /// id, a unique id prefix, a branch label, `label@head`, `heads`/`head`, or
  /// `base` (no revisions). Appends the ids to `ids`.
  bool resolve(std::string_view name, std::vector<std::string>& ids, std::string& error) const;

  /// The revisions to apply, in order, to go from `current` (the ids in the
  /// version table; empty for a new database) to `targets` (empty: all heads):
  /// every ancestor of a target, through down revisions and depends_on, that
  /// is not already an ancestor of a current revision.
  bool pending(const std::vector<std::string>& current, const std::vector<std::string>& targets,
               std::vector<const Revision*>& out, std::string& error) const;

 private:
  void index();
  void check_edges();
  void order();
  std::vector<size_t> parents_of(size_t i) const;  ///< down revisions and dependencies
  void ancestors(size_t i, std::vector<bool>& seen) const;
  void add_problem(std::string rule, GraphProblem::Severity severity, std::string message,
                   const std::vector<size_t>& involved);

  std::vector<Revision> revisions_;
  std::unordered_map<std::string, size_t> by_id_;
  std::vector<std::string> heads_, bases_, merges_, branch_points_, starts_from_;
  std::map<std::string, std::string> labels_;
  std::vector<GraphProblem> problems_;
  bool broken_ = false;
};

}  // namespace migsim
