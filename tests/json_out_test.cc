// JSON string escaping (planner/report/json_out.h): every character that JSON
// requires escaped is, wherever it falls in the string, and simdjson reads
// the result back as the original.

#include <simdjson.h>
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "planner/report/json_out.h"

namespace migsim::testing {
namespace {

std::string escaped(std::string_view s) {
  std::string out;
  JsonOut::escape(out, s);
  return out;
}

std::string read_back(const std::string& json) {
  simdjson::dom::parser parser;
  std::string_view s;
  REQUIRE(parser.parse(json).get_string().get(s) == simdjson::SUCCESS);
  return std::string(s);
}

TEST_CASE("json out: escapes quotes, backslashes and control characters") {
  CHECK(escaped("") == "\"\"");
  CHECK(escaped("plain text, longer than eight bytes") ==
        "\"plain text, longer than eight bytes\"");
  CHECK(escaped("say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(escaped("a\\b") == "\"a\\\\b\"");
  CHECK(escaped("line\nnext\r\ttab") == "\"line\\nnext\\r\\ttab\"");
  CHECK(escaped(std::string("nul\0bell\x07", 9)) == "\"nul\\u0000bell\\u0007\"");
  CHECK(escaped("caf\xc3\xa9 \xe2\x82\xac") == "\"caf\xc3\xa9 \xe2\x82\xac\"");  // UTF-8 as is
}

TEST_CASE("json out: an escaped character anywhere in a long string") {
  // Each special character at each position of strings that span several
  // eight-byte blocks, with UTF-8 beside it.
  const std::string specials[] = {"\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\xc3\xa9"};
  for (const auto& special : specials) {
    for (size_t at = 0; at <= 24; ++at) {
      std::string s(at, 'x');
      s += special;
      s += std::string(24 - at, 'y');
      INFO("special " << static_cast<int>(static_cast<unsigned char>(special[0])) << " at " << at);
      CHECK(read_back(escaped(s)) == s);
    }
  }
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    std::string s(random() % 40, ' ');
    for (char& c : s) c = static_cast<char>(random() % 128);
    CHECK(read_back(escaped(s)) == s);
  }
}

}  // namespace
}  // namespace migsim::testing
