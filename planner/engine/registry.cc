#include <string>
#include <unordered_map>

#include "planner/engine/exec_context.h"

namespace migsim {

namespace {
std::unordered_map<std::string, Handler>& registry() {
  static std::unordered_map<std::string, Handler> handlers;
  return handlers;
}
}  // namespace

HandlerRegistrar::HandlerRegistrar(std::string_view kind, Handler handler) {
  registry()[std::string(kind)] = handler;
}

Handler find_handler(std::string_view kind) {
  auto& r = registry();
  auto it = r.find(std::string(kind));
  return it == r.end() ? nullptr : it->second;
}

}  // namespace migsim
