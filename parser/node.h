#pragma once
// A read-only view of one node of libpg_query's JSON parse tree.
//
// libpg_query prints a field typed `Node*` as a one-key object naming the node
// kind ({"RangeVar": {...}}); fields of a fixed struct type are printed bare.
// Absent fields are defaults (0, false, empty). Node hides those details.

#include <cstdint>
#include <string_view>

#include <simdjson.h>

namespace migsim {

class NodeList;

class Node {
 public:
  Node() = default;
  explicit Node(simdjson::dom::element e) : e_(e), valid_(true) {}

  bool valid() const { return valid_; }
  explicit operator bool() const { return valid_; }

  /// For a wrapped node ({"Kind": {...}}), the kind; otherwise "".
  std::string_view kind() const;
  /// For a wrapped node, its body; otherwise the node itself.
  Node body() const;
  /// The field of an object, or an invalid node when absent.
  Node operator[](std::string_view field) const;

  std::string_view str(std::string_view field) const;
  int64_t integer(std::string_view field, int64_t fallback = 0) const;
  bool flag(std::string_view field) const;
  NodeList list(std::string_view field) const;

  /// The text of a String node ({"String":{"sval":"x"}} or {"sval":"x"}).
  std::string_view sval() const;
  /// The value of an Integer node, or of an A_Const holding one.
  int64_t ival() const;
  /// The `location` field (a byte offset into the parsed text), or -1.
  int32_t location() const { return static_cast<int32_t>(integer("location", -1)); }

  simdjson::dom::element element() const { return e_; }

 private:
  simdjson::dom::element e_;
  bool valid_ = false;
};

class NodeList {
 public:
  NodeList() = default;
  explicit NodeList(simdjson::dom::array a) : a_(a), valid_(true) {}

  class iterator {
   public:
    iterator() = default;
    explicit iterator(simdjson::dom::array::iterator it) : it_(it), live_(true) {}
    Node operator*() const { return Node(*it_); }
    iterator& operator++() {
      ++it_;
      return *this;
    }
    bool operator!=(const iterator& o) const { return live_ && it_ != o.it_; }

   private:
    simdjson::dom::array::iterator it_{};
    bool live_ = false;
  };

  iterator begin() const;
  iterator end() const;
  size_t size() const { return valid_ ? a_.size() : 0; }
  bool empty() const { return size() == 0; }
  Node at(size_t i) const;

 private:
  simdjson::dom::array a_;
  bool valid_ = false;
};

}  // namespace migsim
