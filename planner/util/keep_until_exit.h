#pragma once
// What a command builds and uses until it ends (catalogs, environment runs)
// is handed over here instead of destroyed: freeing a 50,000-table catalog
// object by object takes about a third as long as reading it, while the
// system takes a process's memory back at once when it exits. What is kept
// stays reachable, so leak checkers do not report it.

#include <memory>
#include <type_traits>
#include <vector>

namespace migsim {

inline std::vector<std::shared_ptr<void>>& kept_until_exit() {
  // Never destroyed itself: a static vector would free everything at exit.
  static auto* kept = new std::vector<std::shared_ptr<void>>();
  return *kept;
}

template <class... T>
requires((!std::is_lvalue_reference_v<T>)&&...) void keep_until_exit(T&&... values) {
  (kept_until_exit().push_back(std::make_shared<std::remove_cvref_t<T>>(std::move(values))), ...);
}

}  // namespace migsim
