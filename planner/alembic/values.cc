#include "planner/alembic/values.h"

namespace migsim::alembic {

using Kind = PyValue::Kind;

PyValue make_bool(bool b) {
  PyValue v;
  v.kind = Kind::kBool;
  v.boolean = b;
  return v;
}

PyValue make_int(int64_t i) {
  PyValue v;
  v.kind = Kind::kInt;
  v.integer = i;
  return v;
}

PyValue make_seq(Kind kind, std::vector<PyValue> items) {
  PyValue v;
  v.kind = kind;
  v.items = std::move(items);
  return v;
}

PyValue make_object(std::string tag, std::vector<PyValue> items) {
  PyValue v;
  v.kind = Kind::kName;
  v.text = "<" + std::move(tag) + ">";
  v.items = std::move(items);
  return v;
}

bool is_object(const PyValue& v, std::string_view tag) {
  return v.kind == Kind::kName && v.text.size() == tag.size() + 2 && v.text[0] == '<' &&
         v.text.compare(1, tag.size(), tag) == 0;
}

const PyValue* find_unknown(const PyValue& v) {
  if (v.kind == Kind::kUnknown) return &v;
  if (v.kind == Kind::kName) return nullptr;  // objects keep their receivers in items
  for (const PyValue& i : v.items)
    if (const PyValue* u = find_unknown(i)) return u;
  for (const auto& [k, i] : v.kwargs)
    if (const PyValue* u = find_unknown(i)) return u;
  return nullptr;
}

std::optional<bool> equal(const PyValue& a, const PyValue& b) {
  if (a.kind == Kind::kUnknown || b.kind == Kind::kUnknown) return std::nullopt;
  auto numeric = [](const PyValue& v) { return v.kind == Kind::kInt || v.kind == Kind::kBool; };
  if (numeric(a) && numeric(b)) {
    int64_t x = a.kind == Kind::kBool ? a.boolean : a.integer;
    int64_t y = b.kind == Kind::kBool ? b.boolean : b.integer;
    return x == y;
  }
  if (a.kind == Kind::kFloat || b.kind == Kind::kFloat) {
    if (a.kind == Kind::kFloat && b.kind == Kind::kFloat)
      return a.text == b.text ? std::optional<bool>(true) : std::nullopt;
    return std::nullopt;
  }
  bool seq_a = a.is_sequence(), seq_b = b.is_sequence();
  if (a.kind != b.kind) {
    if (a.kind == Kind::kName || b.kind == Kind::kName || a.kind == Kind::kCall ||
        b.kind == Kind::kCall)
      return std::nullopt;
    return false;
  }
  switch (a.kind) {
    case Kind::kNone:
      return true;
    case Kind::kStr:
      return a.text == b.text;
    case Kind::kName:
    case Kind::kCall:
      return std::nullopt;
    default:
      break;
  }
  (void)seq_a;
  (void)seq_b;
  if (a.items.size() != b.items.size()) return false;
  for (size_t i = 0; i < a.items.size(); ++i) {
    std::optional<bool> e = equal(a.items[i], b.items[i]);
    if (!e || !*e) return e;
  }
  return true;
}

std::optional<bool> contains(const PyValue& haystack, const PyValue& needle, std::string& why) {
  if (haystack.kind == Kind::kUnknown) {
    why = haystack.text;
    return std::nullopt;
  }
  if (needle.kind == Kind::kUnknown) {
    why = needle.text;
    return std::nullopt;
  }
  if (haystack.kind == Kind::kStr) {
    if (needle.kind != Kind::kStr) {
      why = "'in <string>' requires string as left operand";
      return std::nullopt;
    }
    return haystack.text.find(needle.text) != std::string::npos;
  }
  if (haystack.is_sequence() || haystack.kind == Kind::kDict) {
    size_t step = haystack.kind == Kind::kDict ? 2 : 1;
    bool unsure = false;
    for (size_t i = 0; i < haystack.items.size(); i += step) {
      std::optional<bool> e = equal(haystack.items[i], needle);
      if (e && *e) return true;
      if (!e) unsure = true;
    }
    if (unsure) {
      why = "membership in a collection holding values migsim cannot evaluate";
      return std::nullopt;
    }
    return false;
  }
  why = "membership test on a value that is not a literal collection";
  return std::nullopt;
}

const PyValue* dict_get(const PyValue& d, const PyValue& key) {
  for (size_t i = 0; i + 1 < d.items.size(); i += 2) {
    std::optional<bool> e = equal(d.items[i], key);
    if (e && *e) return &d.items[i + 1];
  }
  return nullptr;
}

namespace {

std::string quote(const std::string& s) {
  char q = s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
  std::string out(1, q);
  for (char c : s) {
    if (c == q || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + q;
}

}  // namespace

std::string repr(const PyValue& v) {
  switch (v.kind) {
    case Kind::kNone:
      return "None";
    case Kind::kBool:
      return v.boolean ? "True" : "False";
    case Kind::kInt:
      return std::to_string(v.integer);
    case Kind::kFloat:
      return v.text;
    case Kind::kStr:
      return quote(v.text);
    case Kind::kList:
    case Kind::kTuple: {
      std::string out = v.kind == Kind::kList ? "[" : "(";
      for (size_t i = 0; i < v.items.size(); ++i) out += (i ? ", " : "") + repr(v.items[i]);
      if (v.kind == Kind::kTuple && v.items.size() == 1) out += ",";
      return out + (v.kind == Kind::kList ? "]" : ")");
    }
    case Kind::kDict: {
      std::string out = "{";
      for (size_t i = 0; i + 1 < v.items.size(); i += 2)
        out += (i ? ", " : "") + repr(v.items[i]) + ": " + repr(v.items[i + 1]);
      return out + "}";
    }
    case Kind::kName:
      return v.text;
    case Kind::kCall: {
      std::string out = v.text + "(";
      bool first = true;
      for (const PyValue& a : v.items) out += (first ? "" : ", ") + repr(a), first = false;
      for (const auto& [k, a] : v.kwargs)
        out += (first ? "" : ", ") + k + "=" + repr(a), first = false;
      return out + ")";
    }
    case Kind::kUnknown:
      return "<?>";
  }
  return "";
}

std::string to_str(const PyValue& v) {
  return v.kind == Kind::kStr ? v.text : repr(v);
}

}  // namespace migsim::alembic
