#pragma once
// Small operations on evaluated Python values: constructors, equality,
// membership, dict lookup, repr. Each returns nullopt / kUnknown when the
// answer depends on something that was not evaluated.

#include <optional>
#include <string>
#include <vector>

#include "parser/alembic/py_value.h"

namespace migsim::alembic {

PyValue make_bool(bool b);
PyValue make_int(int64_t i);
PyValue make_seq(PyValue::Kind kind, std::vector<PyValue> items);
/// A special object (a bind, an inspector, a bound method...): a kName whose text starts with '<'.
PyValue make_object(std::string tag, std::vector<PyValue> items = {});
bool is_object(const PyValue& v, std::string_view tag);
/// The first unknown value among `v` and what it contains, or nullptr.
const PyValue* find_unknown(const PyValue& v);

std::optional<bool> equal(const PyValue& a, const PyValue& b);
/// `needle in haystack`.
std::optional<bool> contains(const PyValue& haystack, const PyValue& needle, std::string& why);
/// d[key] for dicts; nullptr when absent.
const PyValue* dict_get(const PyValue& d, const PyValue& key);
/// Python's repr() of a literal value ("'isin'", "None", "[1, 2]").
std::string repr(const PyValue& v);
/// Python's str().
std::string to_str(const PyValue& v);

}  // namespace migsim::alembic
