#include "planner/snapshot/json_text.h"

#include "planner/report/json_out.h"

namespace migsim {

std::string json_string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.push_back(',');
    JsonOut::escape(out, items[i]);
  }
  out.push_back(']');
  return out;
}

namespace {

bool hex4(std::string_view s, size_t i, unsigned& v) {
  if (i + 4 > s.size()) return false;
  v = 0;
  for (size_t k = i; k < i + 4; ++k) {
    char c = s[k];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= c - '0';
    else if (c >= 'a' && c <= 'f')
      v |= c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      v |= c - 'A' + 10;
    else
      return false;
  }
  return true;
}

void put_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

void skip_ws(std::string_view s, size_t& i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) ++i;
}

}  // namespace

bool parse_json_string_array(std::string_view s, std::vector<std::string>& out) {
  out.clear();
  size_t i = 0;
  skip_ws(s, i);
  if (i == s.size()) return true;
  if (s[i++] != '[') return false;
  skip_ws(s, i);
  if (i < s.size() && s[i] == ']') return ++i, skip_ws(s, i), i == s.size();
  while (true) {
    skip_ws(s, i);
    if (i >= s.size() || s[i++] != '"') return false;
    std::string item;
    while (true) {
      if (i >= s.size()) return false;
      char c = s[i++];
      if (c == '"') break;
      if (c != '\\') {
        item.push_back(c);
        continue;
      }
      if (i >= s.size()) return false;
      char e = s[i++];
      switch (e) {
        case '"':
          item.push_back('"');
          break;
        case '\\':
          item.push_back('\\');
          break;
        case '/':
          item.push_back('/');
          break;
        case 'b':
          item.push_back('\b');
          break;
        case 'f':
          item.push_back('\f');
          break;
        case 'n':
          item.push_back('\n');
          break;
        case 'r':
          item.push_back('\r');
          break;
        case 't':
          item.push_back('\t');
          break;
        case 'u': {
          unsigned cp;
          if (!hex4(s, i, cp)) return false;
          i += 4;
          if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= s.size() && s[i] == '\\' && s[i + 1] == 'u') {
            unsigned lo;
            if (hex4(s, i + 2, lo) && lo >= 0xDC00 && lo < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              i += 6;
            }
          }
          put_utf8(item, cp);
          break;
        }
        default:
          return false;
      }
    }
    out.push_back(std::move(item));
    skip_ws(s, i);
    if (i >= s.size()) return false;
    char c = s[i++];
    if (c == ']') break;
    if (c != ',') return false;
  }
  skip_ws(s, i);
  return i == s.size();
}

}  // namespace migsim
