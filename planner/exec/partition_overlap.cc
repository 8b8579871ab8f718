#include "planner/exec/partition_overlap.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace migsim {
namespace {

/// One stored bound, parsed: integers only.
struct Bound {
  enum class Kind { kDefault, kRange, kList, kHash } kind = Kind::kDefault;
  int64_t lo = 0, hi = 0;       ///< range
  std::vector<int64_t> values;  ///< list
  int64_t modulus = 0, remainder = 0;
};

std::optional<int64_t> integer(std::string text) {
  while (!text.empty() && text.front() == ' ') text.erase(0, 1);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (text.size() > 2 && text.front() == '\'' && text.back() == '\'')
    text = text.substr(1, text.size() - 2);
  size_t i = text.size() > 1 && text[0] == '-' ? 1 : 0;
  if (i == text.size() || text.size() > 18) return std::nullopt;
  for (size_t k = i; k < text.size(); ++k)
    if (text[k] < '0' || text[k] > '9') return std::nullopt;
  return std::stoll(text);
}

/// The integers between `open` and the next ')' after position `from`, comma separated.
std::optional<std::vector<int64_t>> list_after(const std::string& s, const std::string& open,
                                                size_t from = 0) {
  size_t a = s.find(open, from);
  if (a == std::string::npos) return std::nullopt;
  a += open.size();
  size_t b = s.find(')', a);
  if (b == std::string::npos) return std::nullopt;
  std::vector<int64_t> out;
  std::string part;
  for (size_t i = a; i <= b; ++i) {
    if (i == b || s[i] == ',') {
      auto v = integer(part);
      if (!v) return std::nullopt;
      out.push_back(*v);
      part.clear();
    } else {
      part += s[i];
    }
  }
  return out;
}

std::optional<Bound> parse(const std::string& s) {
  Bound b;
  if (s == "DEFAULT") return b;
  if (s.rfind("FOR VALUES FROM (", 0) == 0) {
    auto lo = list_after(s, "FROM (");
    auto hi = list_after(s, ") TO (");
    if (!lo || !hi || lo->size() != 1 || hi->size() != 1) return std::nullopt;
    b.kind = Bound::Kind::kRange;
    b.lo = lo->front();
    b.hi = hi->front();
    return b;
  }
  if (s.rfind("FOR VALUES IN (", 0) == 0) {
    auto v = list_after(s, "IN (");
    if (!v) return std::nullopt;
    b.kind = Bound::Kind::kList;
    b.values = *v;
    return b;
  }
  if (s.rfind("FOR VALUES WITH (", 0) == 0) {
    auto r = list_after(s, "remainder ");
    // "modulus 3, remainder 1)": the modulus ends at the comma.
    size_t a = s.find("modulus ");
    size_t c = s.find(',', a);
    auto mod = a == std::string::npos || c == std::string::npos
                   ? std::nullopt
                   : integer(s.substr(a + 8, c - a - 8));
    if (!mod || !r || r->size() != 1) return std::nullopt;
    b.kind = Bound::Kind::kHash;
    b.modulus = *mod;
    b.remainder = r->front();
    return b;
  }
  return std::nullopt;
}

}  // namespace

bool check_partition_overlap(const Catalog& catalog, const std::string& parent,
                             const std::string& name, const std::string& bound,
                             StatementResult& error) {
  struct Sibling {
    std::string name;
    Bound bound;
  };
  std::vector<Sibling> siblings;
  for (const auto& [k, r] : catalog.relations.all()) {
    if (r.partition_parent != parent) continue;
    auto b = parse(r.partition_bound);
    if (!b) {
      error = ExecContext::unknown("checking partition bounds other than integers is not modelled");
      return false;
    }
    siblings.push_back({r.name, *b});
  }
  auto mine = parse(bound);
  if (!mine) {
    if (siblings.empty()) return true;
    error = ExecContext::unknown("checking partition bounds other than integers is not modelled");
    return false;
  }
  if (mine->kind == Bound::Kind::kRange && mine->lo >= mine->hi) {
    error = ExecContext::fails("42P17", "empty range bound specified for partition \"" + name + "\"",
                               "Specified lower bound (" + std::to_string(mine->lo) +
                                   ") is greater than or equal to upper bound (" +
                                   std::to_string(mine->hi) + ").");
    return false;
  }
  if (mine->kind == Bound::Kind::kDefault) {
    for (const auto& s : siblings) {
      if (s.bound.kind == Bound::Kind::kDefault) {
        error = ExecContext::fails("42P17", "partition \"" + name +
                                                "\" conflicts with existing default partition \"" +
                                                s.name + "\"");
        return false;
      }
    }
    return true;
  }
  const Sibling* hit = nullptr;
  if (mine->kind == Bound::Kind::kList) {
    for (int64_t v : mine->values) {
      for (const auto& s : siblings)
        for (int64_t w : s.bound.values)
          if (s.bound.kind == Bound::Kind::kList && v == w && !hit) hit = &s;
    }
  } else if (mine->kind == Bound::Kind::kRange) {
    // The overlapping sibling with the lowest lower bound.
    for (const auto& s : siblings) {
      if (s.bound.kind != Bound::Kind::kRange) continue;
      if (s.bound.lo < mine->hi && mine->lo < s.bound.hi && (!hit || s.bound.lo < hit->bound.lo))
        hit = &s;
    }
  } else {
    for (const auto& s : siblings) {
      if (s.bound.kind != Bound::Kind::kHash) continue;
      int64_t a = s.bound.modulus, b = mine->modulus;
      if ((a % b != 0 && b % a != 0)) {
        error = ExecContext::unknown("hash partitions of moduli that do not divide are not modelled");
        return false;
      }
      int64_t m = std::min(a, b);
      if (s.bound.remainder % m == mine->remainder % m && !hit) hit = &s;
    }
  }
  if (hit) {
    error = ExecContext::fails("42P17", "partition \"" + name + "\" would overlap partition \"" +
                                            hit->name + "\"");
    return false;
  }
  return true;
}

}  // namespace migsim
