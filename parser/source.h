#pragma once
// A file of input text and the mapping from byte offsets to lines and columns.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace migsim {

/// A position a user can find: 1-based line and column (in bytes), plus the byte offset.
struct Location {
  std::string_view file;
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t offset = 0;
};

struct InputError;

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  /// A file to be read later (read_into): its text is empty until then.
  explicit SourceFile(std::string path) : SourceFile(std::move(path), std::string()) {}

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  Location locate(uint32_t offset) const;

  /// Reads the file named by path() into this (read_source_file's checks and
  /// errors), once, before anybody reads its text: the thread that reads it
  /// hands it over to the others afterwards.
  bool read_into(InputError& error);

 private:
  void set_text(std::string text);
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

/// One error in user input, with where it is. Printed as `file:line:column: message`.
struct InputError {
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
  std::string message;

  std::string to_string() const;
};

/// Records `path` as an input of this run (by device and inode), so that no
/// output is ever written over it. Every reader of a user's file calls it.
void note_input_file(const std::string& path);

/// True when `path` is the same file as one this run has read.
bool is_input_file(const std::string& path);

/// Reads a whole file (and notes it as an input). On failure fills `error`
/// and returns nullptr.
std::shared_ptr<SourceFile> read_source_file(const std::string& path, InputError& error);

}  // namespace migsim
