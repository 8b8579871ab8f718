#pragma once
// Writes a simdjson document's tape directly, value by value, as simdjson's
// parser would have written it for the same JSON text (doc/tape.md), with
// each string once in the string buffer, as compact_document leaves it.

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "parser/string_pool.h"

namespace migsim {

/// A string written by many documents (a key, a kind's or an enum value's
/// name), numbered: a document finds its place in its pool by the number.
struct Literal {
  uint32_t number = 0;
  std::string_view text;
};

class TapeWriter {
 public:
  /// How many literals a writer can number.
  static constexpr size_t kLiterals = 4096;

  /// A writer of one document whose objects and arrays nest at most
  /// `max_depth` deep (the document itself counting as one, as in simdjson).
  explicit TapeWriter(size_t max_depth);

  void start_object() { open(simdjson::internal::tape_type::START_OBJECT); }
  void end_object() { close(simdjson::internal::tape_type::END_OBJECT); }
  void start_array() { open(simdjson::internal::tape_type::START_ARRAY); }
  void end_array() { close(simdjson::internal::tape_type::END_ARRAY); }
  /// An object's key; the value written next is its value.
  void key(Literal k) { put_literal(k); }
  void string(std::string_view s) {
    ++scopes_.back().count;
    put_string(s);
  }
  /// An enum value's name; an empty name (a value with none) fails the document.
  void enum_name(Literal name) {
    if (name.text.empty()) fail();
    ++scopes_.back().count;
    put_literal(name);
  }
  void number(int64_t v);
  void boolean(bool b);

  /// Marks the document as not writable here (a kind of node not read, or
  /// deeper than allowed); the writing may go on, the result is dropped.
  void fail() { failed_ = true; }
  bool failed() const { return failed_; }

  /// The document written, or null when it failed. Every object and array
  /// must be closed.
  std::unique_ptr<simdjson::dom::document> finish();

 private:
  struct Scope {
    size_t start;
    uint32_t count;
  };
  void append(simdjson::internal::tape_type type, uint64_t payload) {
    tape_.push_back((static_cast<uint64_t>(type) << 56) | payload);
  }
  void put_string(std::string_view s) {
    append(simdjson::internal::tape_type::STRING, pool_.intern(s));
  }
  /// A literal's place in this document's pool is remembered by its number,
  /// which saves hashing the keys, most of a tree's strings.
  void put_literal(Literal s) {
    LiteralSlot& slot = literals_[s.number];
    if (slot.document != document_) slot = {document_, pool_.intern(s.text)};
    append(simdjson::internal::tape_type::STRING, slot.offset);
  }
  void open(simdjson::internal::tape_type type);
  void close(simdjson::internal::tape_type type);

  struct LiteralSlot {
    uint64_t document;  ///< the writer it was interned by
    uint64_t offset;
  };
  /// The thread's slots, kept from one writer to the next.
  static LiteralSlot* thread_literals();

  size_t max_depth_;
  bool failed_ = false;
  std::vector<Scope> scopes_;
  StringPool pool_;
  // The thread's storage, reached once (see StringPool).
  std::vector<uint64_t>& tape_;
  LiteralSlot* literals_;
  uint64_t document_;
};

}  // namespace migsim
