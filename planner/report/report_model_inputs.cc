// The identities of a run's inputs: what was read, so a saved run says
// exactly which files it was made from.

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>

#include "planner/report/report_model_build.h"
#include "planner/util/sha256.h"

namespace migsim {

namespace {

bool identify(const std::string& role, const std::string& path, ReportModel& model,
              InputError& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = {path, 0, 0, std::string("cannot read input to record it: ") + std::strerror(errno)};
    return false;
  }
  Sha256 hash;
  int64_t size = 0;
  char buf[65536];
  while (in) {
    in.read(buf, sizeof buf);
    std::streamsize got = in.gcount();
    hash.update(std::string_view(buf, static_cast<size_t>(got)));
    size += got;
  }
  if (in.bad()) {
    error = {path, 0, 0, "cannot read input to record it"};
    return false;
  }
  model.inputs.push_back({role, path, hash.hex(), size});
  return true;
}

}  // namespace

bool add_model_inputs(const Project& project, ReportModel& model, InputError& error) {
  std::set<std::string> seen;
  for (const auto& r : project.graph->revisions())
    if (!r.path.empty() && seen.insert(r.path).second &&
        !identify("migration", r.path, model, error))
      return false;
  if (!project.config.path.empty() && !identify("config", project.config.path, model, error))
    return false;
  seen.clear();
  for (const auto& run : model.runs)
    if (!run.snapshot.empty() && seen.insert(run.snapshot).second &&
        !identify("snapshot", run.snapshot, model, error))
      return false;
  return true;
}

}  // namespace migsim
