#include "parser/node.h"

namespace migsim {

std::string_view Node::kind() const {
  if (!valid_) return {};
  simdjson::dom::object obj;
  if (e_.get_object().get(obj) != simdjson::SUCCESS || obj.size() != 1) return {};
  auto field = *obj.begin();
  if (field.key.empty() || field.key[0] < 'A' || field.key[0] > 'Z') return {};
  return field.key;
}

Node Node::body() const {
  if (kind().empty()) return *this;
  simdjson::dom::object obj;
  if (e_.get_object().get(obj) != simdjson::SUCCESS) return *this;
  return Node((*obj.begin()).value);
}

Node Node::operator[](std::string_view field) const {
  if (!valid_) return {};
  simdjson::dom::object obj;
  if (e_.get_object().get(obj) != simdjson::SUCCESS) return {};
  simdjson::dom::element value;
  if (obj.at_key(field).get(value) != simdjson::SUCCESS) return {};
  return Node(value);
}

std::string_view Node::str(std::string_view field) const {
  Node n = (*this)[field];
  if (!n) return {};
  std::string_view s;
  if (n.e_.get_string().get(s) != simdjson::SUCCESS) return {};
  return s;
}

int64_t Node::integer(std::string_view field, int64_t fallback) const {
  Node n = (*this)[field];
  if (!n) return fallback;
  int64_t v;
  if (n.e_.get_int64().get(v) != simdjson::SUCCESS) return fallback;
  return v;
}

bool Node::flag(std::string_view field) const {
  Node n = (*this)[field];
  if (!n) return false;
  bool v;
  if (n.e_.get_bool().get(v) != simdjson::SUCCESS) return false;
  return v;
}

NodeList Node::list(std::string_view field) const {
  Node n = (*this)[field];
  if (!n) return {};
  simdjson::dom::array a;
  if (n.e_.get_array().get(a) != simdjson::SUCCESS) return {};
  return NodeList(a);
}

std::string_view Node::sval() const {
  Node b = body();
  if (!b) return {};
  std::string_view s = b.str("sval");
  if (!s.empty()) return s;
  Node inner = b["sval"];
  if (inner) return inner.str("sval");
  return {};
}

int64_t Node::ival() const {
  Node b = body();
  if (!b) return 0;
  Node inner = b["ival"];
  if (!inner) return 0;
  int64_t v;
  if (inner.e_.get_int64().get(v) == simdjson::SUCCESS) return v;
  return inner.integer("ival", 0);
}

NodeList::iterator NodeList::begin() const {
  return valid_ ? iterator(a_.begin()) : iterator();
}

NodeList::iterator NodeList::end() const {
  return valid_ ? iterator(a_.end()) : iterator();
}

Node NodeList::at(size_t i) const {
  if (!valid_ || i >= a_.size()) return {};
  simdjson::dom::element e;
  if (a_.at(i).get(e) != simdjson::SUCCESS) return {};
  return Node(e);
}

}  // namespace migsim
