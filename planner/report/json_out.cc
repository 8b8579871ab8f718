#include "planner/report/json_out.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace migsim {

namespace {

/// Whether any of the eight bytes of `w` is below 0x20, '"' or '\\' (the
/// bytes JSON escapes); bytes from 0x80 up never are.
bool any_to_escape(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  auto has_zero = [](uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  uint64_t below_space = (w - kOnes * 0x20) & ~w & kHighs;
  return (below_space | has_zero(w ^ (kOnes * '"')) | has_zero(w ^ (kOnes * '\\'))) != 0;
}

/// Where the first character of `s` that JSON escapes is, or s.size().
size_t first_to_escape(std::string_view s) {
  size_t i = 0;
  // Eight characters at a time while none of them needs escaping.
  for (uint64_t w; i + 8 <= s.size(); i += 8) {
    std::memcpy(&w, s.data() + i, 8);
    if (any_to_escape(w)) break;
  }
  for (; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\') break;
  }
  return i;
}

}  // namespace

void JsonOut::escape(std::string& out, std::string_view s) {
  size_t i = first_to_escape(s);
  if (i == s.size()) {
    // Most strings: quoted and copied in one step.
    size_t at = out.size();
    out.resize(at + s.size() + 2);
    char* p = out.data() + at;
    p[0] = '"';
    std::memcpy(p + 1, s.data(), s.size());
    p[s.size() + 1] = '"';
    return;
  }
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

void JsonOut::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
    newline();
  }
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

JsonOut& JsonOut::key(std::string_view k) {
  before_value();
  escape(out_, k);
  out_.push_back(':');
  if (pretty_) out_.push_back(' ');
  after_key_ = true;
  return *this;
}

JsonOut& JsonOut::value(std::string_view s) {
  before_value();
  escape(out_, s);
  return *this;
}

JsonOut& JsonOut::value(int64_t n) {
  before_value();
  out_ += std::to_string(n);
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
