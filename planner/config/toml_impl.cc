// toml++'s implementation, compiled once for the whole program: every other
// file includes its declarations only (TOML_HEADER_ONLY=0, CMakeLists.txt).

#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
