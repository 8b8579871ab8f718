#pragma once
// Where a command's output goes: stdout, or files written atomically.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "parser/source.h"

namespace migsim {

/// The files one run writes (a report, a snapshot), all or none. Each is
/// written to a temporary file beside its target as it is added; commit()
/// renames them all into place. Until then a failure, an early return or a
/// signal (SIGINT, SIGTERM, SIGHUP, SIGPIPE) removes the temporary files, and
/// the targets are as they were. "-" or "" is stdout, printed by commit()
/// once every file is in place.
class OutputFiles {
 public:
  OutputFiles() = default;
  ~OutputFiles();
  OutputFiles(const OutputFiles&) = delete;
  OutputFiles& operator=(const OutputFiles&) = delete;

  bool add(const std::string& path, const std::string& content, InputError& error);
  /// Text made in pieces: `make` hands each piece to the function it is given,
  /// in order, and each goes to the file as it comes (a long report is never
  /// whole in memory).
  using Pieces = std::function<void(const std::function<void(std::string_view)>& emit)>;
  bool add(const std::string& path, const Pieces& make, InputError& error);
  bool commit(InputError& error);

 private:
  struct Entry {
    std::string path;
    std::string temp;     ///< the staged file; empty for stdout and devices
    std::string content;  ///< kept only for stdout and devices (written in place)
    bool to_stdout = false;
    bool renamed = false;  ///< committed into place
  };
  void discard();
  std::vector<Entry> entries_;
};

/// One output: OutputFiles with a single file.
bool write_output(const std::string& path, const std::string& content, InputError& error);

/// True when stdout is a terminal and NO_COLOR is not set.
bool stdout_wants_color();

}  // namespace migsim
