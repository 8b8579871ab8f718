#include "fuzz/fuzz_util.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace migsim::fuzz {

namespace {

/// Leaked on purpose: the exit handler below still needs it after statics are gone.
const std::string* scratch = nullptr;

void remove_scratch() {
  std::error_code ec;
  std::filesystem::remove_all(*scratch, ec);
}

}  // namespace

const std::string& scratch_dir() {
  if (!scratch) {
    std::string pattern = (std::filesystem::temp_directory_path() / "migsim-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data())) std::abort();
    scratch = new std::string(pattern);
    std::atexit(remove_scratch);
  }
  return *scratch;
}

void write_file(const std::string& path, const uint8_t* data, size_t size) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  if (size && std::fwrite(data, 1, size, f) != size) std::abort();
  std::fclose(f);
}

}  // namespace migsim::fuzz
