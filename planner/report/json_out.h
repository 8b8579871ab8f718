#pragma once
// A small streaming JSON writer: objects, arrays, strings, numbers, null.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace migsim {

class JsonOut {
 public:
  explicit JsonOut(std::string& out, bool pretty = false) : out_(out), pretty_(pretty) {}

  JsonOut& begin_object();
  JsonOut& end_object();
  JsonOut& begin_array();
  JsonOut& end_array();
  JsonOut& key(std::string_view k);
  JsonOut& value(std::string_view s);
  JsonOut& value(const char* s) { return value(std::string_view(s)); }
  JsonOut& value(int64_t n);
  JsonOut& value(bool b);
  JsonOut& null();
  /// A string, or null when empty.
  JsonOut& string_or_null(std::string_view s) { return s.empty() ? null() : value(s); }

  static void escape(std::string& out, std::string_view s);

  /// Compact output made in pieces: this writer writes elements of an array
  /// another writer opened, `first` when none was written before them.
  JsonOut& continue_array(bool first);
  /// The open container has elements another writer wrote after this one
  /// opened it: the next element takes a comma.
  JsonOut& elements_written_elsewhere();

 private:
  /// Before an element: whether a comma goes first (none after a key or
  /// before a container's first element). The container's next element is
  /// no longer its first.
  bool comma_first();
  /// The comma and newline an element needs before it.
  void before_value();
  void newline();
  /// `s` escaped and quoted as an element, and `after` unless it is '\0'.
  void quoted(std::string_view s, char after);
  std::string& out_;
  bool pretty_;
  std::vector<char> first_;  ///< per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace migsim
