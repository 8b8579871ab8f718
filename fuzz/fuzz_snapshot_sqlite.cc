// The SQLite snapshot loader on corrupt and hostile files: the input is
// written to a file and loaded as a snapshot.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_util.h"
#include "planner/snapshot/snapshot.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = migsim::fuzz::scratch_dir() + "/fuzz.snapshot";
  migsim::fuzz::write_file(path, data, size);
  migsim::Catalog catalog;
  migsim::Snapshot snapshot;
  migsim::InputError error;
  migsim::load_snapshot(path, catalog, snapshot, error);
  return 0;
}
