#include "parser/alembic/py_value.h"

namespace migsim {

PyValue::PyValue() = default;
PyValue::~PyValue() = default;
PyValue::PyValue(const PyValue&) = default;
PyValue::PyValue(PyValue&&) noexcept = default;
PyValue& PyValue::operator=(const PyValue&) = default;
PyValue& PyValue::operator=(PyValue&&) noexcept = default;

std::string_view PyValue::short_name() const {
  std::string_view n = text;
  size_t dot = n.rfind('.');
  return dot == std::string_view::npos ? n : n.substr(dot + 1);
}

bool PyValue::is_call(std::string_view name) const {
  return kind == Kind::kCall && short_name() == name;
}

const PyValue* PyValue::kwarg(std::string_view name) const {
  for (const auto& [k, v] : kwargs)
    if (k == name) return &v;
  return nullptr;
}

const PyValue* PyValue::arg(size_t index, std::string_view name) const {
  if (index < items.size()) return &items[index];
  return kwarg(name);
}

bool PyValue::truthy(const PyValue* v) {
  if (!v) return false;
  switch (v->kind) {
    case Kind::kBool:
      return v->boolean;
    case Kind::kInt:
      return v->integer != 0;
    case Kind::kStr:
      return !v->text.empty();
    case Kind::kNone:
      return false;
    default:
      return true;
  }
}

}  // namespace migsim
