#include "planner/exec/partition_overlap.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace migsim {
namespace {

/// A bound datum: an integer, or a quoted literal compared as text.
struct Datum {
  bool is_int = false;
  int64_t n = 0;
  std::string text;  ///< a quoted literal without its quotes
  bool operator==(const Datum& o) const {
    return is_int == o.is_int && (is_int ? n == o.n : text == o.text);
  }
};

/// One stored bound, parsed.
struct Bound {
  enum class Kind { kDefault, kRange, kList, kHash } kind = Kind::kDefault;
  Datum lo, hi;               ///< range
  std::vector<Datum> values;  ///< list
  int64_t modulus = 0, remainder = 0;
};

std::string trim(std::string text) {
  while (!text.empty() && text.front() == ' ') text.erase(0, 1);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

std::optional<int64_t> integer(const std::string& text) {
  size_t i = text.size() > 1 && text[0] == '-' ? 1 : 0;
  if (i == text.size() || text.size() > 18) return std::nullopt;
  for (size_t k = i; k < text.size(); ++k)
    if (text[k] < '0' || text[k] > '9') return std::nullopt;
  return std::stoll(text);
}

std::optional<Datum> datum(std::string text) {
  text = trim(text);
  Datum d;
  if (auto v = integer(text)) {
    d.is_int = true;
    d.n = *v;
    return d;
  }
  if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'' &&
      text.find('\'', 1) == text.size() - 1) {
    d.text = text.substr(1, text.size() - 2);
    return d;
  }
  return std::nullopt;
}

/// The datums between `open` and the next ')', comma separated.
std::optional<std::vector<Datum>> list_after(const std::string& s, const std::string& open) {
  size_t a = s.find(open);
  if (a == std::string::npos) return std::nullopt;
  a += open.size();
  size_t b = s.find(')', a);
  if (b == std::string::npos) return std::nullopt;
  std::vector<Datum> out;
  std::string part;
  for (size_t i = a; i <= b; ++i) {
    if (i == b || s[i] == ',') {
      auto v = datum(part);
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
    size_t a = s.find("modulus ");
    size_t c = a == std::string::npos ? a : s.find(',', a);
    size_t r = s.find("remainder ");
    size_t e = r == std::string::npos ? r : s.find(')', r);
    if (c == std::string::npos || e == std::string::npos) return std::nullopt;
    auto mod = integer(trim(s.substr(a + 8, c - a - 8)));
    auto rem = integer(trim(s.substr(r + 10, e - r - 10)));
    if (!mod || !rem) return std::nullopt;
    b.kind = Bound::Kind::kHash;
    b.modulus = *mod;
    b.remainder = *rem;
    return b;
  }
  return std::nullopt;
}

/// a < b, when known: integers by value; quoted dates and times (ISO,
/// same length, same UTC offset if any) as text, which orders them the same.
std::optional<bool> less(const Datum& a, const Datum& b) {
  if (a.is_int && b.is_int) return a.n < b.n;
  auto iso = [](const std::string& t) {
    if (t.size() < 10 || t[4] != '-' || t[7] != '-') return false;
    for (char c : t)
      if (!((c >= '0' && c <= '9') || c == '-' || c == ':' || c == ' ' || c == '.' || c == 'T'))
        return false;
    return true;
  };
  // A timestamptz bound ends in its UTC offset ("+00", "-05:30"), printed in the
  // session's time zone: bounds with the same offset order as their text.
  auto split = [](const std::string& t) {
    size_t at = t.size() > 10 ? t.find_last_of("+-") : std::string::npos;
    if (at == std::string::npos || at < 10) return std::pair<std::string, std::string>{t, ""};
    return std::pair<std::string, std::string>{t.substr(0, at), t.substr(at)};
  };
  if (a.is_int || b.is_int) return std::nullopt;
  auto [ta, za] = split(a.text);
  auto [tb, zb] = split(b.text);
  if (za == zb && ta.size() == tb.size() && iso(ta) && iso(tb)) return ta < tb;
  return std::nullopt;
}

}  // namespace

bool check_partition_overlap(const Catalog& catalog, const std::string& parent,
                             const std::string& name, const std::string& bound,
                             StatementResult& error) {
  struct Sibling {
    std::string key;  ///< the catalog's key: schema and name
    std::string name;
    Bound bound;
  };
  std::vector<Sibling> siblings;
  for (const auto& [k, r] : catalog.relations.all()) {
    if (r.partition_parent != parent) continue;
    auto b = parse(r.partition_bound);
    if (!b) {
      error = ExecContext::unknown("comparing these partition bounds is not modelled");
      return false;
    }
    siblings.push_back({k, r.name, *b});
  }
  // In key order, so that of two siblings a bound overlaps the same one is named every run.
  std::sort(siblings.begin(), siblings.end(),
            [](const Sibling& x, const Sibling& y) { return x.key < y.key; });
  auto mine = parse(bound);
  if (!mine) {
    if (siblings.empty()) return true;
    error = ExecContext::unknown("comparing these partition bounds is not modelled");
    return false;
  }
  const StatementResult not_modelled =
      ExecContext::unknown("comparing these partition bounds is not modelled");
  if (mine->kind == Bound::Kind::kRange) {
    auto below = less(mine->lo, mine->hi);
    if (!below && siblings.empty()) return true;
    if (!below) {
      error = not_modelled;
      return false;
    }
    if (!*below) {
      error = ExecContext::fails(
          "42P17", "empty range bound specified for partition \"" + name + "\"",
          "Specified lower bound (" +
              bound.substr(bound.find("FROM (") + 6,
                           bound.find(") TO") - bound.find("FROM (") - 6) +
              ") is greater than or equal to upper bound (" +
              bound.substr(bound.find("TO (") + 4, bound.size() - bound.find("TO (") - 5) + ").");
      return false;
    }
  }
  // A second DEFAULT is refused by partition_bound(), which every caller runs first.
  if (mine->kind == Bound::Kind::kDefault) return true;
  const Sibling* hit = nullptr;
  if (mine->kind == Bound::Kind::kList) {
    for (const Datum& v : mine->values) {
      for (const auto& s : siblings)
        for (const Datum& w : s.bound.values)
          if (s.bound.kind == Bound::Kind::kList && v == w && !hit) hit = &s;
    }
  } else if (mine->kind == Bound::Kind::kRange) {
    // The overlapping sibling with the lowest lower bound.
    for (const auto& s : siblings) {
      if (s.bound.kind != Bound::Kind::kRange) continue;
      auto a = less(s.bound.lo, mine->hi), b = less(mine->lo, s.bound.hi);
      auto c = hit ? less(s.bound.lo, hit->bound.lo) : std::optional<bool>(true);
      if (!a || !b || !c) {
        error = not_modelled;
        return false;
      }
      if (*a && *b && *c) hit = &s;
    }
  } else {
    for (const auto& s : siblings) {
      if (s.bound.kind != Bound::Kind::kHash) continue;
      int64_t a = s.bound.modulus, b = mine->modulus;
      if (a % b != 0 && b % a != 0) {
        error =
            ExecContext::unknown("hash partitions of moduli that do not divide are not modelled");
        return false;
      }
      int64_t m = std::min(a, b);
      if (s.bound.remainder % m == mine->remainder % m && !hit) hit = &s;
    }
  }
  if (hit) {
    error = ExecContext::fails(
        "42P17", "partition \"" + name + "\" would overlap partition \"" + hit->name + "\"");
    return false;
  }
  return true;
}

}  // namespace migsim
