// The JSON snapshot importer (`migsim snapshot import`).

#include <cstddef>
#include <cstdint>
#include <string>

#include "planner/snapshot/json_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  migsim::Catalog catalog;
  migsim::Snapshot snapshot;
  migsim::InputError error;
  migsim::import_snapshot_json("fuzz.json", text, catalog, snapshot, error);
  return 0;
}
