#pragma once
// A read-only view of one node of libpg_query's JSON parse tree.
//
// libpg_query prints a field typed `Node*` as a one-key object naming the node
// kind ({"RangeVar": {...}}); fields of a fixed struct type are printed bare.
// Absent fields are defaults (0, false, empty). Node hides those details.
//
// A node is a place on a simdjson document's tape (simdjson's doc/tape.md):
// the document and an index, read here directly. The statement handlers look
// fields up about fifty times a statement, so the lookups are inline, and a
// node is two words, returned in registers.

#include <cstdint>
#include <cstring>
#include <string_view>

#include <simdjson.h>

namespace migsim {
struct TapeAccess;
}

/// simdjson's elements let its string builders see where they are on the
/// tape; this builder, never used to build a string, is how a Node crosses
/// between an element and its place on the tape.
template <>
class simdjson::internal::string_builder<migsim::TapeAccess> {
 public:
  static simdjson::internal::tape_ref place(const simdjson::dom::element& e) { return e.tape; }
  static simdjson::dom::element element(const simdjson::dom::document* doc, size_t index) {
    return simdjson::dom::element(simdjson::internal::tape_ref(doc, index));
  }
};

namespace migsim {

class NodeList;

/// The tape's layout (simdjson's doc/tape.md): an entry's type in its top
/// byte; an object or array's entry holds the index after its closing entry
/// in its low 32 bits and its element count (saturated) in the next 24; a
/// string's entry holds its offset in the string buffer, where a 32-bit
/// length comes before its bytes; a number takes a second entry.
namespace tape {

inline char type(uint64_t entry) {
  return static_cast<char>(entry >> 56);
}

/// The index after the value at `i`.
inline size_t after(const uint64_t* t, size_t i) {
  uint64_t e = t[i];
  switch (type(e)) {
    case '{':
    case '[':
      return static_cast<uint32_t>(e);
    case 'l':
    case 'u':
    case 'd':
      return i + 2;
    default:
      return i + 1;
  }
}

/// An object's or array's element count (saturated at 2^24 - 1, as simdjson keeps it).
inline size_t count(uint64_t entry) {
  return (entry >> 32) & simdjson::internal::JSON_COUNT_MASK;
}

inline std::string_view string(const uint8_t* strings, uint64_t entry) {
  const uint8_t* at = strings + (entry & simdjson::internal::JSON_VALUE_MASK);
  uint32_t length;
  std::memcpy(&length, at, sizeof length);
  return {reinterpret_cast<const char*>(at + sizeof length), length};
}

}  // namespace tape

class Node {
 public:
  Node() = default;
  explicit Node(simdjson::dom::element e) {
    simdjson::internal::tape_ref place = simdjson::internal::string_builder<TapeAccess>::place(e);
    doc_ = place.doc;
    index_ = place.json_index;
  }
  Node(const simdjson::dom::document* doc, size_t index) : doc_(doc), index_(index) {}

  bool valid() const { return doc_ != nullptr; }
  explicit operator bool() const { return doc_ != nullptr; }

  /// For a wrapped node ({"Kind": {...}}), the kind; otherwise "".
  std::string_view kind() const {
    if (!doc_) return {};
    uint64_t e = entry();
    if (tape::type(e) != '{' || tape::count(e) != 1) return {};
    std::string_view key = tape::string(strings(), doc_->tape[index_ + 1]);
    if (key.empty() || key[0] < 'A' || key[0] > 'Z') return {};
    return key;
  }
  /// For a wrapped node, its body; otherwise the node itself.
  Node body() const { return kind().empty() ? *this : Node(doc_, index_ + 2); }
  /// The field of an object, or an invalid node when absent.
  [[gnu::always_inline]] Node operator[](std::string_view field) const {
    if (!doc_) return {};
    const uint64_t* t = doc_->tape.get();
    uint64_t e = t[index_];
    if (tape::type(e) != '{') return {};
    const uint8_t* s = strings();
    size_t end = static_cast<uint32_t>(e) - 1;
    for (size_t i = index_ + 1; i < end; i = tape::after(t, i + 1)) {
      std::string_view key = tape::string(s, t[i]);
      // The field's size, not the key's: a constant where the name is one,
      // so that the comparison is a few loads, not a call.
      if (key.size() == field.size() && std::memcmp(key.data(), field.data(), field.size()) == 0)
        return Node(doc_, i + 1);
    }
    return {};
  }

  [[gnu::always_inline]] std::string_view str(std::string_view field) const {
    return (*this)[field].string();
  }
  [[gnu::always_inline]] int64_t integer(std::string_view field, int64_t fallback = 0) const {
    return (*this)[field].number(fallback);
  }
  [[gnu::always_inline]] bool flag(std::string_view field) const {
    Node n = (*this)[field];
    return n && tape::type(n.entry()) == 't';
  }
  NodeList list(std::string_view field) const;

  /// The text of a String node ({"String":{"sval":"x"}} or {"sval":"x"}).
  std::string_view sval() const;
  /// The value of an Integer node, or of an A_Const holding one.
  int64_t ival() const;
  /// The `location` field (a byte offset into the parsed text), or -1.
  int32_t location() const { return static_cast<int32_t>(integer("location", -1)); }

  simdjson::dom::element element() const {
    return simdjson::internal::string_builder<TapeAccess>::element(doc_, index_);
  }

 private:
  friend class NodeList;
  uint64_t entry() const { return doc_->tape[index_]; }
  const uint8_t* strings() const { return doc_->string_buf.get(); }
  /// This node as a string, or "" when it is not one.
  std::string_view string() const {
    if (!doc_) return {};
    uint64_t e = entry();
    return tape::type(e) == '"' ? tape::string(strings(), e) : std::string_view();
  }
  /// This node as a 64-bit integer (as simdjson's get_int64), or `fallback`.
  int64_t number(int64_t fallback) const;

  const simdjson::dom::document* doc_ = nullptr;
  size_t index_ = 0;
};

class NodeList {
 public:
  NodeList() = default;

  class iterator {
   public:
    iterator() = default;
    iterator(const simdjson::dom::document* doc, size_t index) : doc_(doc), index_(index) {}
    Node operator*() const { return Node(doc_, index_); }
    iterator& operator++() {
      index_ = tape::after(doc_->tape.get(), index_);
      return *this;
    }
    bool operator!=(const iterator& o) const { return doc_ && index_ != o.index_; }

   private:
    const simdjson::dom::document* doc_ = nullptr;
    size_t index_ = 0;
  };

  iterator begin() const { return doc_ ? iterator(doc_, index_ + 1) : iterator(); }
  iterator end() const {
    return doc_ ? iterator(doc_, static_cast<uint32_t>(doc_->tape[index_]) - 1) : iterator();
  }
  /// The count simdjson keeps, as its array::size().
  size_t size() const { return doc_ ? tape::count(doc_->tape[index_]) : 0; }
  bool empty() const { return size() == 0; }
  Node at(size_t i) const;

 private:
  friend class Node;
  NodeList(const simdjson::dom::document* doc, size_t index) : doc_(doc), index_(index) {}

  const simdjson::dom::document* doc_ = nullptr;
  size_t index_ = 0;  ///< of the array's opening entry
};

[[gnu::always_inline]] inline NodeList Node::list(std::string_view field) const {
  Node n = (*this)[field];
  if (!n || tape::type(n.entry()) != '[') return {};
  return NodeList(n.doc_, n.index_);
}

}  // namespace migsim
