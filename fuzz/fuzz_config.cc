// migsim.toml.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "planner/config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  migsim::Config config;
  migsim::InputError error;
  migsim::parse_config(std::string_view(reinterpret_cast<const char*>(data), size),
                       "/nonexistent/migsim.toml", config, error);
  return 0;
}
