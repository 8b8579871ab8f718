#include "planner/report/json_out.h"

#include <bit>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace migsim {

namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;

/// The bytes of `w` that JSON escapes (below 0x20, '"' and '\\'; bytes from
/// 0x80 up never are), each marked by its high bit. A mark above the lowest
/// one may be wrong (a borrow carries into the next byte), the lowest one
/// never is: the first byte to escape is the lowest mark.
uint64_t to_escape(uint64_t w) {
  auto zero = [](uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  uint64_t below_space = (w - kOnes * 0x20) & ~w & kHighs;
  return below_space | zero(w ^ (kOnes * '"')) | zero(w ^ (kOnes * '\\'));
}

size_t first_marked(uint64_t marks) {
  return static_cast<size_t>(std::countr_zero(marks)) / 8;
}

uint64_t load8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

uint64_t load4(const char* p) {
  uint32_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

/// Where the first character of `s` that JSON escapes is, or s.size().
size_t first_to_escape(std::string_view s) {
  const char* p = s.data();
  const size_t n = s.size();
  if (n >= 8) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
      if (uint64_t marks = to_escape(load8(p + i))) return i + first_marked(marks);
    if (i == n) return n;
    // The last eight bytes, overlapping some already found clean.
    uint64_t marks = to_escape(load8(p + n - 8));
    return marks ? n - 8 + first_marked(marks) : n;
  }
  if (n >= 4) {
    // The first four bytes and the last four (which may overlap) in one word.
    uint64_t marks = to_escape(load4(p) | load4(p + n - 4) << 32);
    if (!marks) return n;
    size_t k = first_marked(marks);
    return k < 4 ? k : n - 8 + k;
  }
  for (size_t i = 0; i < n; ++i) {
    auto c = static_cast<unsigned char>(p[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
  }
  return n;
}

/// Copies `s` (at most kShort bytes) to `d` in word-sized moves, the last
/// ones overlapping, without reading past its end.
void copy_short(char* d, std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) std::memcpy(d + i, p + i, 8);
    std::memcpy(d + n - 8, p + n - 8, 8);
  } else if (n >= 4) {
    std::memcpy(d, p, 4);
    std::memcpy(d + n - 4, p + n - 4, 4);
  } else {
    for (size_t i = 0; i < n; ++i) d[i] = p[i];
  }
}

/// Strings up to this long with nothing to escape are written in place, with
/// what goes around them, once the output has grown to hold them.
constexpr size_t kShort = 64;

}  // namespace

void JsonOut::escape(std::string& out, std::string_view s) {
  size_t i = first_to_escape(s);
  out.push_back('"');
  out.append(s.data(), i);
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
    // Then the characters up to the next one to escape, as they are.
    size_t clean = first_to_escape(s.substr(i + 1));
    out.append(s.data() + i + 1, clean);
    i += 1 + clean;
  }
  out.push_back('"');
}

void JsonOut::newline() {
  if (!pretty_) return;
  out_.push_back('\n');
  out_.append(first_.size() * 2, ' ');
}

bool JsonOut::comma_first() {
  if (after_key_) {
    after_key_ = false;
    return false;
  }
  if (first_.empty()) return false;
  bool comma = !first_.back();
  first_.back() = false;
  return comma;
}

void JsonOut::before_value() {
  bool nested = !after_key_ && !first_.empty();
  if (comma_first()) out_.push_back(',');
  if (nested) newline();
}

void JsonOut::quoted(std::string_view s, char after) {
  // Compact output, a short string and nothing in it to escape: the comma
  // before it, the string and the character after it written in place.
  // (Put together on the stack first and then copied, the copy read back
  // bytes just stored one by one, and waited for them.)
  if (!pretty_ && s.size() <= kShort && first_to_escape(s) == s.size()) {
    bool comma = comma_first();
    size_t at = out_.size();
    out_.resize(at + comma + s.size() + 2 + (after != '\0'));
    char* d = out_.data() + at;
    if (comma) *d++ = ',';
    *d++ = '"';
    copy_short(d, s);
    d += s.size();
    *d++ = '"';
    if (after) *d = after;
    return;
  }
  before_value();
  escape(out_, s);
  if (after) out_.push_back(after);
}

JsonOut& JsonOut::begin_object() {
  before_value();
  out_.push_back('{');
  first_.push_back(true);
  return *this;
}

JsonOut& JsonOut::end_object() {
  bool empty = first_.back();
  first_.pop_back();
  if (!empty) newline();
  out_.push_back('}');
  return *this;
}

JsonOut& JsonOut::begin_array() {
  before_value();
  out_.push_back('[');
  first_.push_back(true);
  return *this;
}

JsonOut& JsonOut::end_array() {
  bool empty = first_.back();
  first_.pop_back();
  if (!empty) newline();
  out_.push_back(']');
  return *this;
}

JsonOut& JsonOut::continue_array(bool first) {
  first_.push_back(first);
  return *this;
}

JsonOut& JsonOut::elements_written_elsewhere() {
  first_.back() = false;
  return *this;
}

JsonOut& JsonOut::key(std::string_view k) {
  quoted(k, ':');
  if (pretty_) out_.push_back(' ');
  after_key_ = true;
  return *this;
}

JsonOut& JsonOut::value(std::string_view s) {
  quoted(s, '\0');
  return *this;
}

JsonOut& JsonOut::value(int64_t n) {
  before_value();
  char buf[24];
  auto [end, error] = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, static_cast<size_t>(end - buf));
  return *this;
}

JsonOut& JsonOut::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

JsonOut& JsonOut::null() {
  before_value();
  out_ += "null";
  return *this;
}

}  // namespace migsim
