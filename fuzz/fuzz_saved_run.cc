// The saved-run reader on corrupt and hostile files: the input is written to
// a file and loaded as a saved run; when it loads, every writer renders it.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_util.h"
#include "planner/report/run_writers.h"
#include "planner/report/saved_run.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = migsim::fuzz::scratch_dir() + "/fuzz.run";
  migsim::fuzz::write_file(path, data, size);
  migsim::ReportModel model;
  migsim::InputError error;
  if (!migsim::load_saved_run(path, model, error)) return 0;
  for (const char* format : {"markdown", "text", "json", "sarif", "github"})
    migsim::write_report(model, format, true);
  return 0;
}
