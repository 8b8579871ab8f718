#include "planner/snapshot/open.h"

#include <cstring>
#include <fstream>

#include "planner/snapshot/json_import.h"

namespace migsim {

bool open_snapshot(const std::string& path, Catalog& catalog, Snapshot& snapshot,
                   InputError& error) {
  std::ifstream in(path, std::ios::binary);
  char head[16] = {};
  in.read(head, sizeof head);
  size_t got = static_cast<size_t>(in.gcount());
  size_t i = 0;
  while (i < got && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) ++i;
  bool json = i < got && head[i] == '{';
  if (!json) return load_snapshot(path, catalog, snapshot, error);
  auto source = read_source_file(path, error);
  if (!source) return false;
  return import_snapshot_json(path, source->text(), catalog, snapshot, error);
}

}  // namespace migsim
