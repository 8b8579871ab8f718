// toml++'s implementation, compiled once for the whole program: every other
// file includes its declarations only (TOML_HEADER_ONLY=0, CMakeLists.txt).
//
// Built without assertions in every build, as the library Debian ships is:
// toml++ 3.3.0 asserts on some malformed keys (parse_key, in parser.inl) that
// a build without assertions reports as parse errors, with their line, which
// migsim passes on (tests/config_test.cc, "errors carry the line").
#ifndef NDEBUG
#define NDEBUG
#endif
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
