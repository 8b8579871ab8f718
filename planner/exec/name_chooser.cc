#include "planner/exec/name_chooser.h"

#include <algorithm>

namespace migsim {

namespace {
constexpr size_t kMaxName = 63;  // NAMEDATALEN - 1

/// Cuts `s` to at most `len` bytes without splitting a UTF-8 character.
size_t clip(std::string_view s, size_t len) {
  if (s.size() <= len) return s.size();
  while (len > 0 && (static_cast<unsigned char>(s[len]) & 0xC0) == 0x80) --len;
  return len;
}

bool taken(const std::vector<std::string>& names, const std::string& n) {
  return std::find(names.begin(), names.end(), n) != names.end();
}
}  // namespace

std::string make_object_name(std::string_view name1, std::string_view name2,
                             std::string_view label) {
  size_t overhead = 0;
  if (!name2.empty()) overhead += 1;
  if (!label.empty()) overhead += label.size() + 1;
  size_t avail = kMaxName - overhead;
  size_t len1 = name1.size(), len2 = name2.size();
  while (len1 + len2 > avail) {
    if (len1 > len2)
      --len1;
    else
      --len2;
  }
  len1 = clip(name1, len1);
  len2 = clip(name2, len2);
  std::string out(name1.substr(0, len1));
  if (!name2.empty()) {
    out += '_';
    out += name2.substr(0, len2);
  }
  if (!label.empty()) {
    out += '_';
    out += label;
  }
  return out;
}

std::string choose_relation_name(const Catalog& catalog, std::string_view schema,
                                 std::string_view name1, std::string_view name2,
                                 std::string_view label,
                                 const std::vector<std::string>& extra_taken) {
  std::string modlabel(label);
  for (int pass = 0;; ++pass) {
    std::string name = make_object_name(name1, name2, modlabel);
    if (!catalog.relation(schema, name) && !taken(extra_taken, name) && !catalog.type(schema, name))
      return name;
    modlabel = std::string(label) + std::to_string(pass + 1);
  }
}

std::string choose_constraint_name(const Catalog& catalog, std::string_view schema,
                                   std::string_view name1, std::string_view name2,
                                   std::string_view label,
                                   const std::vector<std::string>& extra_taken) {
  auto used = [&](const std::string& name) {
    if (taken(extra_taken, name)) return true;
    if (catalog.relation_constraint_named(schema, name)) return true;
    for (const auto& [k, t] : catalog.types.all()) {
      if (t.schema != schema) continue;
      for (const auto& c : t.constraints)
        if (c.name == name) return true;
    }
    return false;
  };
  std::string modlabel(label);
  for (int pass = 0;; ++pass) {
    std::string name = make_object_name(name1, name2, modlabel);
    if (!used(name)) return name;
    modlabel = std::string(label) + std::to_string(pass + 1);
  }
}

std::string index_name_addition(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) {
    if (!out.empty()) out += '_';
    out += c;
    if (out.size() >= kMaxName) break;
  }
  return out.substr(0, clip(out, kMaxName));
}

}  // namespace migsim
