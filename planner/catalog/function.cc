#include "planner/catalog/function.h"

namespace migsim {

std::string Function::signature() const {
  std::string s = name + "(";
  for (size_t i = 0; i < arg_types.size(); ++i) {
    if (i) s += ", ";
    s += arg_types[i];
  }
  return s + ")";
}

}  // namespace migsim
