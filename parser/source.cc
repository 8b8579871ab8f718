#include "parser/source.h"

#include "parser/limits.h"

#include <sys/stat.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

namespace migsim {

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
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

std::set<std::pair<dev_t, ino_t>>& input_files() {
  static std::set<std::pair<dev_t, ino_t>> files;
  return files;
}

}  // namespace

void note_input_file(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
    input_files().insert({st.st_dev, st.st_ino});
}

bool is_input_file(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && input_files().count({st.st_dev, st.st_ino}) != 0;
}

std::shared_ptr<SourceFile> read_source_file(const std::string& path, InputError& error) {
  note_input_file(path);
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    error = {path, 0, 0, std::string("cannot read file: ") + std::strerror(errno)};
    return nullptr;
  }
  if (S_ISDIR(st.st_mode)) {
    error = {path, 0, 0, "is a directory, expected a file"};
    return nullptr;
  }
  uint64_t limit = input_limits().max_file_size;
  auto too_large = [&](uint64_t size) {
    error = {path, 0, 0,
             "file is " + (S_ISREG(st.st_mode) ? format_size(size) : "over " + format_size(limit)) +
                 ", larger than the limit of " + format_size(limit) +
                 " (raise it with --max-file-size)"};
    return nullptr;
  };
  if (static_cast<uint64_t>(st.st_size) > limit)
    return too_large(static_cast<uint64_t>(st.st_size));
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = {path, 0, 0, std::string("cannot read file: ") + std::strerror(errno)};
    return nullptr;
  }
  std::string text;
  if (S_ISREG(st.st_mode)) {
    text.resize(static_cast<size_t>(st.st_size));
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in.gcount()));
  } else {
    // A pipe (`<(cat a.sql)`, /dev/stdin) has no size: read it to its end, up to the limit.
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
      text.append(buf, static_cast<size_t>(in.gcount()));
      if (text.size() > limit) return too_large(text.size());
    }
  }
  if (in.bad()) {
    error = {path, 0, 0, std::string("cannot read file: ") + std::strerror(errno)};
    return nullptr;
  }
  return std::make_shared<SourceFile>(path, std::move(text));
}

}  // namespace migsim
