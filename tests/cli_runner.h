#pragma once
// Runs the migsim executable as a user would, capturing what it prints.

#include <string>
#include <vector>

namespace migsim::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `migsim args...` in `cwd` (the source tree when empty).
CliResult run_migsim(const std::vector<std::string>& args, const std::string& cwd = {});

/// A fresh empty directory under the system's temporary directory, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  void write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

bool file_exists(const std::string& path);
std::string read_file(const std::string& path);

}  // namespace migsim::testing
