#pragma once
// A value of the Python that Alembic revision scripts are made of, after the
// reader has evaluated it: literals, containers, names (`sa.Integer`), and
// calls (`sa.Column('id', sa.Integer(), nullable=False)`). Nothing is executed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parser/source.h"

namespace migsim {

struct PyValue {
  enum class Kind {
    kNone,
    kBool,
    kInt,
    kFloat,
    kStr,
    kList,
    kTuple,
    kDict,
    kName,
    kCall,
    kUnknown
  };
  Kind kind = Kind::kNone;
  bool boolean = false;
  int64_t integer = 0;
  /// kStr: the string; kFloat: the literal text; kName and kCall: the dotted
  /// name ("sa.Column"); kUnknown: why the reader could not evaluate it.
  std::string text;
  /// kList and kTuple: the items; kDict: keys and values alternating; kCall: positional arguments.
  std::vector<PyValue> items;
  /// kCall: keyword arguments in the order written.
  std::vector<std::pair<std::string, PyValue>> kwargs;
  Location location;

  // Special members defined in py_value.cc: with clang, inline ones would need
  // std::pair<std::string, PyValue> complete while PyValue itself is not.
  PyValue();
  ~PyValue();
  PyValue(const PyValue&);
  PyValue(PyValue&&) noexcept;
  PyValue& operator=(const PyValue&);
  PyValue& operator=(PyValue&&) noexcept;

  static PyValue none() { return {}; }
  static PyValue str(std::string s) {
    PyValue v;
    v.kind = Kind::kStr;
    v.text = std::move(s);
    return v;
  }
  static PyValue unknown(std::string why) {
    PyValue v;
    v.kind = Kind::kUnknown;
    v.text = std::move(why);
    return v;
  }

  bool is(Kind k) const { return kind == k; }
  bool is_none() const { return kind == Kind::kNone; }
  bool is_sequence() const { return kind == Kind::kList || kind == Kind::kTuple; }
  /// True for a call whose dotted name ends with `.name` or is `name`
  /// (`sa.Column`, `sqlalchemy.Column` and `Column` all match "Column").
  bool is_call(std::string_view name) const;
  /// The last part of a dotted name ("sa.String" -> "String").
  std::string_view short_name() const;

  /// Keyword argument `name`, or nullptr.
  const PyValue* kwarg(std::string_view name) const;
  /// Positional argument `index`, else keyword `name`, else nullptr.
  const PyValue* arg(size_t index, std::string_view name) const;
  /// A truthy literal (True, non-zero, non-empty string); false when absent.
  static bool truthy(const PyValue* v);
};

}  // namespace migsim
