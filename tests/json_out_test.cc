// JSON string escaping (planner/report/json_out.h): every character that JSON
// requires escaped is, wherever it falls in the string, and simdjson reads
// the result back as the original.

#include <simdjson.h>
#include <catch2/catch.hpp>

#include <cstdio>
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

/// JSON's escaping written out character by character.
std::string reference_escape(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
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
  // Every length up to eight with each special character at each position:
  // short strings are checked in one word made of their first and last four
  // bytes, or a byte at a time.
  for (const auto& special : specials) {
    for (size_t length = 1; length <= 9; ++length) {
      for (size_t at = 0; at < length; ++at) {
        std::string s(length, 'a');
        s.replace(at, 1, special);
        INFO("special " << static_cast<int>(static_cast<unsigned char>(special[0])) << " at " << at
                        << " of " << length);
        CHECK(read_back(escaped(s)) == s);
        CHECK(escaped(s) == reference_escape(s));
      }
    }
  }
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    std::string s(random() % 40, ' ');
    for (char& c : s) c = static_cast<char>(random() % 128);
    CHECK(read_back(escaped(s)) == s);
    CHECK(escaped(s) == reference_escape(s));
  }
}

TEST_CASE("json out: keys and values of every length up to past the short ones") {
  // Short strings with nothing to escape are written in place, in word-sized
  // moves that overlap at the end: every length, each byte distinct, both as
  // a key and as a value, compact; then read back.
  for (size_t length = 0; length <= 70; ++length) {
    const std::string_view letters =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    std::string s;
    for (size_t i = 0; i < length; ++i) s += letters[(i * 7 + 3) % letters.size()];
    std::string out;
    JsonOut j(out);
    j.begin_array().value(s).begin_object().key(s).value(s).end_object().value(s).end_array();
    INFO("length " << length);
    CHECK(out == "[" + reference_escape(s) + ",{" + reference_escape(s) + ":" +
                     reference_escape(s) + "}," + reference_escape(s) + "]");
    simdjson::dom::parser parser;
    simdjson::dom::array array;
    REQUIRE(parser.parse(out).get_array().get(array) == simdjson::SUCCESS);
    std::string_view first, last;
    REQUIRE(array.at(0).get_string().get(first) == simdjson::SUCCESS);
    REQUIRE(array.at(2).get_string().get(last) == simdjson::SUCCESS);
    CHECK(first == s);
    CHECK(last == s);
  }
}

TEST_CASE("json out: keys, values, commas and nesting, compact and pretty") {
  auto write = [](bool pretty) {
    std::string out;
    JsonOut j(out, pretty);
    j.begin_object().key("name").value("t_1").key("line").value(int64_t{-9223372036854775807 - 1});
    j.key("quote\"d").value("tab\there").key("empty").begin_array().end_array();
    j.key("list").begin_array().value(true).null().value(int64_t{0}).begin_object().end_object();
    j.begin_object().key("k").string_or_null("").end_object().end_array();
    j.key(std::string(70, 'k')).value(std::string(70, 'v')).end_object();
    return out;
  };
  const std::string long_key(70, 'k'), long_value(70, 'v');
  CHECK(write(false) ==
        "{\"name\":\"t_1\",\"line\":-9223372036854775808,"
        "\"quote\\\"d\":\"tab\\there\",\"empty\":[],"
        "\"list\":[true,null,0,{},{\"k\":null}],\"" +
            long_key + "\":\"" + long_value + "\"}");
  CHECK(write(true) ==
        "{\n  \"name\": \"t_1\",\n  \"line\": -9223372036854775808,\n"
        "  \"quote\\\"d\": \"tab\\there\",\n  \"empty\": [],\n"
        "  \"list\": [\n    true,\n    null,\n    0,\n    {},\n    {\n"
        "      \"k\": null\n    }\n  ],\n  \"" +
            long_key + "\": \"" + long_value + "\"\n}");
}

}  // namespace
}  // namespace migsim::testing
