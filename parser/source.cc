#include "parser/source.h"

#include "parser/limits.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <sstream>
#include <utility>

namespace migsim {

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)) {
  set_text(std::move(text));
}

void SourceFile::set_text(std::string text) {
  text_ = std::move(text);
  line_starts_.assign(1, 0);
  const char* begin = text_.data();
  const char* end = begin + text_.size();
  for (const char* nl = begin; (nl = static_cast<const char*>(std::memchr(nl, '\n', end - nl)));)
    line_starts_.push_back(static_cast<uint32_t>(++nl - begin));
}

Location SourceFile::locate(uint32_t offset) const {
  if (offset > text_.size()) offset = static_cast<uint32_t>(text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line_index = static_cast<uint32_t>(it - line_starts_.begin()) - 1;
  return Location{path_, line_index + 1, offset - line_starts_[line_index] + 1, offset};
}

std::string InputError::to_string() const {
  std::ostringstream out;
  out << file;
  if (line > 0) {
    out << ':' << line;
    if (column > 0) out << ':' << column;
  }
  out << ": " << message;
  return out.str();
}

namespace {

/// The files this run reads, by device and inode: a history's thousands of
/// revision files, each entered once, looked up only for each output.
absl::flat_hash_set<std::pair<dev_t, ino_t>>& input_files() {
  static absl::flat_hash_set<std::pair<dev_t, ino_t>> files;
  return files;
}

std::mutex& input_files_mutex() {
  static std::mutex m;
  return m;
}

void note_input(const struct stat& st) {
  if (!S_ISREG(st.st_mode)) return;
  std::lock_guard<std::mutex> lock(input_files_mutex());
  input_files().insert({st.st_dev, st.st_ino});
}

std::string cannot_read() {
  return std::string("cannot read file: ") + std::strerror(errno);
}

}  // namespace

void note_input_file(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) == 0) note_input(st);
}

bool is_input_file(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return false;
  std::lock_guard<std::mutex> lock(input_files_mutex());
  return input_files().count({st.st_dev, st.st_ino}) != 0;
}

std::shared_ptr<SourceFile> read_source_file(const std::string& path, InputError& error) {
  auto file = std::make_shared<SourceFile>(path);
  if (!file->read_into(error)) return nullptr;
  return file;
}

bool SourceFile::read_into(InputError& error) {
  const std::string& path = path_;
  // One open, fstat, read(s) and close per file: histories have thousands.
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = {path, 0, 0, cannot_read()};
    return false;
  }
  struct Closer {
    int fd;
    ~Closer() { close(fd); }
  } closer{fd};
  struct stat st;
  if (fstat(fd, &st) != 0) {
    error = {path, 0, 0, cannot_read()};
    return false;
  }
  note_input(st);
  if (S_ISDIR(st.st_mode)) {
    error = {path, 0, 0, "is a directory, expected a file"};
    return false;
  }
  uint64_t limit = input_limits().max_file_size;
  auto too_large = [&](uint64_t size) {
    error = {path, 0, 0,
             "file is " + (S_ISREG(st.st_mode) ? format_size(size) : "over " + format_size(limit)) +
                 ", larger than the limit of " + format_size(limit) +
                 " (raise it with --max-file-size)"};
    return false;
  };
  if (static_cast<uint64_t>(st.st_size) > limit)
    return too_large(static_cast<uint64_t>(st.st_size));
  // A regular file is read in one call of its size (and one more that finds
  // its end); a pipe (`<(cat a.sql)`, /dev/stdin) has no size: read it to its
  // end, up to the limit.
  std::string text;
  size_t want = S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) + 1 : 65536;
  for (;;) {
    size_t have = text.size();
    text.resize(have + want);
    ssize_t n = read(fd, text.data() + have, want);
    if (n < 0 && errno == EINTR) {
      text.resize(have);
      continue;
    }
    if (n < 0) {
      error = {path, 0, 0, cannot_read()};
      return false;
    }
    text.resize(have + static_cast<size_t>(n));
    if (n == 0) break;
    if (text.size() > limit) return too_large(text.size());
    if (static_cast<size_t>(n) < want && S_ISREG(st.st_mode)) break;
    want = 65536;
  }
  set_text(std::move(text));
  return true;
}

}  // namespace migsim
