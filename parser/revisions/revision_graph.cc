#include "parser/revisions/revision_graph.h"

#include <algorithm>
#include <queue>
#include <string_view>
#include <unordered_map>

namespace migsim {

namespace {

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? std::string(sep) : "") + items[i];
  return out;
}

}  // namespace

RevisionGraph::RevisionGraph(std::vector<Revision> revisions) : revisions_(std::move(revisions)) {
  index();
  check_edges();
  order();
}

void RevisionGraph::add_problem(std::string rule, GraphProblem::Severity severity,
                                std::string message, const std::vector<size_t>& involved) {
  GraphProblem p;
  p.rule = std::move(rule);
  p.severity = severity;
  p.message = std::move(message);
  for (size_t i : involved) {
    p.revisions.push_back(revisions_[i].id);
    p.files.push_back(revisions_[i].path);
  }
  if (!involved.empty()) {
    const Revision& first = revisions_[involved.front()];
    p.file = first.path;
    p.line = first.location.line;
  }
  problems_.push_back(std::move(p));
}

void RevisionGraph::index() {
  for (size_t i = 0; i < revisions_.size(); ++i) {
    auto [it, inserted] = by_id_.emplace(revisions_[i].id, i);
    if (!inserted) {
      const Revision& first = revisions_[it->second];
      add_problem("duplicate-revision", GraphProblem::Severity::kError,
                  "revision id " + revisions_[i].id + " is declared twice: in " + first.path +
                      " and in " + revisions_[i].path,
                  {it->second, i});
      broken_ = true;
    }
  }
  for (size_t i = 0; i < revisions_.size(); ++i) {
    if (by_id_.at(revisions_[i].id) != i) continue;
    for (const std::string& label : revisions_[i].branch_labels) {
      auto [it, inserted] = labels_.emplace(label, revisions_[i].id);
      if (!inserted) {
        size_t other = by_id_.at(it->second);
        add_problem("duplicate-branch-label", GraphProblem::Severity::kError,
                    "branch label '" + label + "' is declared by both " + it->second + " (" +
                        revisions_[other].path + ") and " + revisions_[i].id + " (" +
                        revisions_[i].path + ")",
                    {other, i});
      }
    }
  }
}

std::vector<size_t> RevisionGraph::parents_of(size_t i) const {
  std::vector<size_t> out;
  for (const std::string& down : revisions_[i].down_revisions) {
    if (auto it = by_id_.find(down); it != by_id_.end()) out.push_back(it->second);
  }
  for (const std::string& dep : revisions_[i].depends_on) {
    auto it = by_id_.find(dep);
    if (it == by_id_.end()) {
      auto label = labels_.find(dep);
      if (label == labels_.end()) continue;
      it = by_id_.find(label->second);
    }
    if (it != by_id_.end()) out.push_back(it->second);
  }
  return out;
}

void RevisionGraph::check_edges() {
  for (size_t i = 0; i < revisions_.size(); ++i) {
    const Revision& r = revisions_[i];
    for (const std::string& down : r.down_revisions) {
      if (by_id_.count(down)) continue;
      if (r.format == SourceFormat::kAlembicOfflineSql) {
        // An offline range A:B begins after A: its revisions revise A.
        if (std::find(starts_from_.begin(), starts_from_.end(), down) == starts_from_.end())
          starts_from_.push_back(down);
        continue;
      }
      add_problem("missing-down-revision", GraphProblem::Severity::kError,
                  "revision " + r.id + " (" + r.path + ") revises " + down +
                      ", which is not in this history",
                  {i});
    }
    for (const std::string& dep : r.depends_on) {
      if (by_id_.count(dep) || labels_.count(dep)) continue;
      add_problem("missing-dependency", GraphProblem::Severity::kError,
                  "revision " + r.id + " (" + r.path + ") depends on " + dep +
                      ", which is neither a revision nor a branch label of this history",
                  {i});
    }
  }
}

void RevisionGraph::order() {
  size_t n = revisions_.size();
  std::vector<std::vector<size_t>> parents(n), kids(n);
  std::vector<size_t> waiting(n, 0);
  for (size_t i = 0; i < n; ++i) {
    parents[i] = parents_of(i);
    std::sort(parents[i].begin(), parents[i].end());
    parents[i].erase(std::unique(parents[i].begin(), parents[i].end()), parents[i].end());
    for (size_t p : parents[i]) kids[p].push_back(i);
    waiting[i] = parents[i].size();
  }
  // Kahn's algorithm; among the ready revisions the earliest in the source goes first.
  std::priority_queue<size_t, std::vector<size_t>, std::greater<size_t>> ready;
  for (size_t i = 0; i < n; ++i)
    if (waiting[i] == 0) ready.push(i);
  std::vector<size_t> order;
  std::vector<bool> placed(n, false);
  while (!ready.empty()) {
    size_t i = ready.top();
    ready.pop();
    order.push_back(i);
    placed[i] = true;
    for (size_t k : kids[i])
      if (--waiting[k] == 0) ready.push(k);
  }
  // What is left is in a cycle or after one: name each cycle once.
  std::vector<bool> reported(n, false);
  for (size_t start = 0; start < n; ++start) {
    if (placed[start] || reported[start]) continue;
    std::vector<size_t> path;
    std::vector<int> at(n, -1);
    size_t cur = start;
    while (at[cur] < 0 && !reported[cur]) {
      at[cur] = static_cast<int>(path.size());
      path.push_back(cur);
      size_t next = cur;
      for (size_t p : parents[cur]) {
        if (!placed[p]) {
          next = p;
          break;
        }
      }
      cur = next;
    }
    for (size_t i : path) reported[i] = true;
    if (at[cur] < 0) continue;  // leads into a cycle already named
    std::vector<size_t> cycle(path.begin() + at[cur], path.end());
    std::vector<std::string> names;
    for (size_t i : cycle) names.push_back(revisions_[i].id + " (" + revisions_[i].path + ")");
    names.push_back(revisions_[cycle.front()].id);
    add_problem("revision-cycle", GraphProblem::Severity::kError,
                "revisions form a cycle through their down revisions: " + join(names, " -> "),
                cycle);
    broken_ = true;
  }
  for (size_t i = 0; i < n; ++i)
    if (!placed[i]) order.push_back(i);

  // Reorder, keeping the first declaration of a duplicated id as the one found by id.
  std::vector<Revision> sorted;
  sorted.reserve(n);
  std::vector<size_t> new_index(n);
  for (size_t k = 0; k < n; ++k) {
    new_index[order[k]] = k;
    sorted.push_back(std::move(revisions_[order[k]]));
  }
  for (auto& [id, i] : by_id_) i = new_index[i];
  revisions_ = std::move(sorted);

  std::unordered_map<std::string_view, int> child_count;
  child_count.reserve(n);
  for (const Revision& r : revisions_)
    for (const std::string& d : r.down_revisions) ++child_count[d];
  for (size_t i = 0; i < n; ++i) {
    const Revision& r = revisions_[i];
    if (by_id_.at(r.id) != i) continue;
    auto children = child_count.find(r.id);
    if (children == child_count.end()) heads_.push_back(r.id);
    if (r.down_revisions.empty()) bases_.push_back(r.id);
    if (r.down_revisions.size() > 1) merges_.push_back(r.id);
    if (children != child_count.end() && children->second > 1) branch_points_.push_back(r.id);
  }
  if (heads_.size() > 1) {
    std::vector<size_t> involved;
    for (const std::string& h : heads_) involved.push_back(by_id_.at(h));
    add_problem("multiple-heads", GraphProblem::Severity::kWarning,
                "the history has " + std::to_string(heads_.size()) +
                    " heads: " + join(heads_, ", ") +
                    " (`upgrade head` needs one; merge them, or upgrade to `heads`)",
                involved);
  }
}

const Revision* RevisionGraph::find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &revisions_[it->second];
}

std::vector<std::string> RevisionGraph::children(std::string_view id) const {
  std::vector<std::string> out;
  for (size_t i = 0; i < revisions_.size(); ++i) {
    const Revision& r = revisions_[i];
    if (by_id_.at(r.id) != i) continue;
    if (std::find(r.down_revisions.begin(), r.down_revisions.end(), id) != r.down_revisions.end())
      out.push_back(r.id);
  }
  return out;
}

bool RevisionGraph::is_head(std::string_view id) const {
  return std::find(heads_.begin(), heads_.end(), id) != heads_.end();
}

bool RevisionGraph::has_errors() const {
  for (const GraphProblem& p : problems_)
    if (p.severity == GraphProblem::Severity::kError) return true;
  return false;
}

void RevisionGraph::ancestors(size_t i, std::vector<bool>& seen) const {
  std::vector<size_t> stack{i};
  while (!stack.empty()) {
    size_t k = stack.back();
    stack.pop_back();
    if (seen[k]) continue;
    seen[k] = true;
    for (size_t p : parents_of(k)) stack.push_back(p);
  }
}

bool RevisionGraph::resolve(std::string_view name, std::vector<std::string>& ids,
                            std::string& error) const {
  std::string n(name);
  if (n == "base") return true;
  if (n == "heads") {
    ids.insert(ids.end(), heads_.begin(), heads_.end());
    return true;
  }
  if (n == "head") {
    if (heads_.size() != 1) {
      error = "the history has " + std::to_string(heads_.size()) + " heads (" + join(heads_, ", ") +
              "); name one, or use `heads`";
      return false;
    }
    ids.push_back(heads_.front());
    return true;
  }
  if (size_t at = n.find('@'); at != std::string::npos) {
    if (n.substr(at + 1) != "head") {
      error = "unsupported revision name '" + n + "' (only label@head is read)";
      return false;
    }
    std::vector<std::string> from;
    if (!resolve(n.substr(0, at), from, error)) return false;
    if (from.size() != 1) {
      error = "'" + n.substr(0, at) + "' names no single revision";
      return false;
    }
    // The heads that descend from that revision.
    std::vector<std::string> found;
    for (const std::string& h : heads_) {
      std::vector<bool> seen(revisions_.size(), false);
      ancestors(by_id_.at(h), seen);
      if (seen[by_id_.at(from.front())]) found.push_back(h);
    }
    if (found.size() != 1) {
      error = "'" + n + "' has " + std::to_string(found.size()) + " heads";
      return false;
    }
    ids.push_back(found.front());
    return true;
  }
  if (by_id_.count(n)) {
    ids.push_back(n);
    return true;
  }
  if (auto label = labels_.find(n); label != labels_.end()) {
    ids.push_back(label->second);
    return true;
  }
  std::vector<std::string> matches;
  for (const auto& [id, i] : by_id_)
    if (id.rfind(n, 0) == 0) matches.push_back(id);
  if (matches.size() == 1) {
    ids.push_back(matches.front());
    return true;
  }
  if (matches.empty()) {
    error = "no revision '" + n + "' in this history";
  } else {
    std::sort(matches.begin(), matches.end());
    error = "'" + n + "' is ambiguous: " + join(matches, ", ");
  }
  return false;
}

bool RevisionGraph::pending(const std::vector<std::string>& current,
                            const std::vector<std::string>& targets,
                            std::vector<const Revision*>& out, std::string& error) const {
  std::vector<std::string> from, to;
  for (const std::string& c : current)
    if (!resolve(c, from, error)) return false;
  if (targets.empty()) {
    to = heads_;
  } else {
    for (const std::string& t : targets)
      if (!resolve(t, to, error)) return false;
  }
  std::vector<bool> applied(revisions_.size(), false), wanted(revisions_.size(), false);
  for (const std::string& id : from) ancestors(by_id_.at(id), applied);
  for (const std::string& id : to) ancestors(by_id_.at(id), wanted);
  for (size_t i = 0; i < revisions_.size(); ++i)
    if (wanted[i] && !applied[i]) out.push_back(&revisions_[i]);
  return true;
}

}  // namespace migsim
