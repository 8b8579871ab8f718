#include "parser/alembic/alembic_version.h"

#include <charconv>

namespace migsim {

std::optional<AlembicVersion> AlembicVersion::parse(std::string_view text) {
  AlembicVersion v;
  v.given = true;
  int* parts[] = {&v.major, &v.minor, &v.patch};
  size_t count = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (count < 3) {
    if (p == end || *p < '0' || *p > '9') return std::nullopt;
    auto [next, ec] = std::from_chars(p, end, *parts[count]);
    if (ec != std::errc() || next == p) return std::nullopt;
    ++count;
    p = next;
    if (p == end) break;
    if (*p != '.') return std::nullopt;
    ++p;
  }
  if (p != end || count < 2) return std::nullopt;
  return v;
}

bool AlembicVersion::at_least(int maj, int min, int pat) const {
  if (!given) return true;
  if (major != maj) return major > maj;
  if (minor != min) return minor > min;
  return patch >= pat;
}

}  // namespace migsim
