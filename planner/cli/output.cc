#include "planner/cli/output.h"
#include "parser/source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace migsim {

namespace {

// The temporary files that exist right now, for the signal handler to remove:
// fixed storage, because a handler may not allocate.
constexpr int kMaxPending = 16;
constexpr size_t kMaxPath = 4096;
char g_pending[kMaxPending][kMaxPath];
std::atomic<bool> g_used[kMaxPending];

void remove_pending_and_reraise(int sig) {
  for (int i = 0; i < kMaxPending; ++i)
    if (g_used[i].load()) unlink(g_pending[i]);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void install_handlers() {
  static bool installed = false;
  if (installed) return;
  installed = true;
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT}) {
    struct sigaction old {};
    sigaction(sig, nullptr, &old);
    if (old.sa_handler == SIG_IGN) continue;  // nohup and the like keep their choice
    struct sigaction sa {};
    sa.sa_handler = remove_pending_and_reraise;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, nullptr);
  }
}

/// Registers a temporary file for removal on a signal; -1 when the table is full.
int track(const std::string& path) {
  if (path.size() >= kMaxPath) return -1;
  for (int i = 0; i < kMaxPending; ++i) {
    if (g_used[i].load()) continue;
    std::memcpy(g_pending[i], path.c_str(), path.size() + 1);
    g_used[i].store(true);
    return i;
  }
  return -1;
}

void untrack(const std::string& path) {
  for (int i = 0; i < kMaxPending; ++i)
    if (g_used[i].load() && path == g_pending[i]) g_used[i].store(false);
}

std::string cannot_write(const std::string& what = "cannot write output") {
  return what + ": " + std::strerror(errno);
}

bool write_all(int fd, std::string_view content) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

/// Writes in place: a device or pipe (-o /dev/null, -o /dev/stderr) would be
/// replaced by a rename.
bool write_in_place(const std::string& path, const std::string& content, InputError& error) {
  int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
  bool ok = fd >= 0 && write_all(fd, content);
  if (!ok) error = {path, 0, 0, cannot_write()};
  if (fd >= 0) close(fd);
  return ok;
}

/// Starts writing a file's pages to disk while the rest of it is made, a
/// megabyte at a time, so that the fsync before its rename (and, on ext4,
/// the rename over an old file) has little left to wait for: a 2,000-revision
/// plan's 3.3 MB JSON report took 3 ms to sync once it was whole.
class Writeback {
 public:
  explicit Writeback(int fd) : fd_(fd) {}
  void wrote(size_t bytes) {
    written_ += bytes;
    if (written_ - started_ < kStep) return;
    // Only a hint: where the kernel does not take it, fsync does all the work.
    sync_file_range(fd_, static_cast<off_t>(started_), static_cast<off_t>(written_ - started_),
                    SYNC_FILE_RANGE_WRITE);
    started_ = written_;
  }

 private:
  static constexpr size_t kStep = size_t{1} << 20;
  int fd_;
  size_t written_ = 0;
  size_t started_ = 0;
};

}  // namespace

OutputFiles::~OutputFiles() {
  discard();
}

void OutputFiles::discard() {
  for (auto& e : entries_) {
    if (e.temp.empty()) continue;
    unlink(e.temp.c_str());
    untrack(e.temp);
    e.temp.clear();
  }
  entries_.clear();
}

bool OutputFiles::add(const std::string& path, const std::string& content, InputError& error) {
  return add(
      path, [&](const auto& emit) { emit(content); }, error);
}

bool OutputFiles::add(const std::string& path, const Pieces& make, InputError& error) {
  Entry entry;
  entry.path = path;
  auto keep = [&](std::string_view piece) { entry.content += piece; };
  if (path.empty() || path == "-") {
    entry.to_stdout = true;
    make(keep);
    entries_.push_back(std::move(entry));
    return true;
  }
  for (const auto& e : entries_) {
    if (e.path == path) {
      error = {path, 0, 0, "named twice as an output of the same run"};
      discard();
      return false;
    }
  }
  if (is_input_file(path)) {
    error = {path, 0, 0, "cannot write output: it is one of this run's inputs"};
    discard();
    return false;
  }
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) {
      error = {path, 0, 0, "cannot write output: is a directory"};
      discard();
      return false;
    }
    make(keep);
    entries_.push_back(std::move(entry));
    return true;
  }
  install_handlers();
  // Beside the target, so that the rename stays on one file system.
  for (int attempt = 0; attempt < 100 && entry.temp.empty(); ++attempt) {
    std::string temp = path + ".tmp-" + std::to_string(getpid()) + "-" +
                       std::to_string(entries_.size()) + "-" + std::to_string(attempt);
    // O_EXCL: never follow a link someone placed at the temporary name.
    int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno == EEXIST) continue;
    if (fd < 0) {
      error = {path, 0, 0, cannot_write()};
      discard();
      return false;
    }
    int slot = track(temp);
    auto abandon = [&] {
      unlink(temp.c_str());
      if (slot >= 0) untrack(temp);
      discard();
    };
    bool ok = true;
    int saved = 0;
    Writeback writeback(fd);
    try {
      make([&](std::string_view piece) {
        if (!ok) return;
        ok = write_all(fd, piece);
        if (!ok) saved = errno;
        writeback.wrote(piece.size());
      });
    } catch (...) {
      // A writer that throws (out of memory) leaves no partial file either.
      close(fd);
      abandon();
      throw;
    }
    if (ok && fsync(fd) != 0) {
      ok = false;
      saved = errno;
    }
    if (close(fd) != 0 && ok) {
      ok = false;
      saved = errno;
    }
    if (!ok) {
      errno = saved;
      error = {path, 0, 0, cannot_write()};
      abandon();
      return false;
    }
    entry.temp = temp;
  }
  if (entry.temp.empty()) {
    error = {path, 0, 0, "cannot write output: no free temporary file name beside it"};
    discard();
    return false;
  }
  entries_.push_back(std::move(entry));
  return true;
}

bool OutputFiles::commit(InputError& error) {
  // Keep each target's old content under a second name (a hard link) while the
  // renames run, so that a failed rename puts every earlier one back.
  struct Done {
    std::string path;
    std::string backup;  ///< empty when the target did not exist
  };
  std::vector<Done> done;
  auto roll_back = [&] {
    for (auto it = done.rbegin(); it != done.rend(); ++it) {
      if (it->backup.empty())
        unlink(it->path.c_str());
      else
        rename(it->backup.c_str(), it->path.c_str());
      untrack(it->backup);
    }
    discard();
  };
  for (auto& e : entries_) {
    if (e.temp.empty()) continue;
    Done d{e.path, ""};
    if (entries_.size() > 1 && access(e.path.c_str(), F_OK) == 0) {
      d.backup = e.temp + ".old";
      if (link(e.path.c_str(), d.backup.c_str()) != 0)
        d.backup.clear();
      else
        track(d.backup);
    }
    if (rename(e.temp.c_str(), e.path.c_str()) != 0) {
      error = {e.path, 0, 0, cannot_write()};
      if (!d.backup.empty()) {
        unlink(d.backup.c_str());
        untrack(d.backup);
      }
      roll_back();
      return false;
    }
    untrack(e.temp);
    e.temp.clear();
    e.renamed = true;
    done.push_back(std::move(d));
  }
  for (const auto& d : done) {
    if (d.backup.empty()) continue;
    unlink(d.backup.c_str());
    untrack(d.backup);
  }
  bool ok = true;
  for (const auto& e : entries_)
    if (!e.to_stdout && !e.path.empty() && ok && e.temp.empty() && !e.renamed)
      ok = write_in_place(e.path, e.content, error);
  for (const auto& e : entries_) {
    if (!e.to_stdout || !ok) continue;
    std::fwrite(e.content.data(), 1, e.content.size(), stdout);
    std::fflush(stdout);
  }
  entries_.clear();
  return ok;
}

bool write_output(const std::string& path, const std::string& content, InputError& error) {
  OutputFiles files;
  return files.add(path, content, error) && files.commit(error);
}

bool stdout_wants_color() {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return isatty(fileno(stdout));
}

}  // namespace migsim
