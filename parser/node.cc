#include "parser/node.h"

#include <limits>

namespace migsim {

int64_t Node::number(int64_t fallback) const {
  if (!doc_) return fallback;
  char type = tape::type(entry());
  if (type != 'l' && type != 'u') return fallback;
  uint64_t value = doc_->tape[index_ + 1];
  if (type == 'u' && value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
    return fallback;  // as simdjson's get_int64: out of range
  return static_cast<int64_t>(value);
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
  char type = tape::type(inner.entry());
  if (type == 'l' || type == 'u') return inner.number(0);
  return inner.integer("ival", 0);
}

Node NodeList::at(size_t i) const {
  if (i >= size()) return {};
  const uint64_t* t = doc_->tape.get();
  size_t at = index_ + 1;
  while (i-- > 0) at = tape::after(t, at);
  return Node(doc_, at);
}

}  // namespace migsim
