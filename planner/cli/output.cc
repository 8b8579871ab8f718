#include "planner/cli/output.h"

#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace migsim {

bool write_output(const std::string& path, const std::string& content, InputError& error) {
  if (path.empty() || path == "-") {
    std::fwrite(content.data(), 1, content.size(), stdout);
    std::fflush(stdout);
    return true;
  }
  // A device or pipe (-o /dev/null, -o /dev/stderr) is written in place: renaming
  // a file over it would replace it.
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    FILE* f = std::fopen(path.c_str(), "wb");
    bool ok = f && std::fwrite(content.data(), 1, content.size(), f) == content.size();
    ok = f && (std::fclose(f) == 0) && ok;
    if (!ok) error = {path, 0, 0, std::string("cannot write output: ") + std::strerror(errno)};
    return ok;
  }
  std::string tmp = path + ".tmp-" + std::to_string(getpid());
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) {
    error = {path, 0, 0, std::string("cannot write output: ") + std::strerror(errno)};
    return false;
  }
  bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  ok = (std::fflush(f) == 0) && ok;
  ok = (std::fclose(f) == 0) && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    error = {path, 0, 0, std::string("cannot write output: ") + std::strerror(errno)};
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

bool stdout_wants_color() {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return isatty(fileno(stdout));
}

}  // namespace migsim
