#pragma once
// Reading a history's files several at a time: a directory of thousands of
// revisions spends most of its reading time in open, read and close, which
// run side by side on several cores.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "parser/source.h"

namespace migsim {

struct FileRead {
  std::shared_ptr<SourceFile> source;  ///< null when the file could not be read
  InputError error;                    ///< why, when it could not

  /// The file read, or null with `why` set to the reason it could not be.
  std::shared_ptr<SourceFile> take(InputError& why) {
    if (!source) why = error;
    return std::move(source);
  }
};

/// read_source_file for every path, on up to one thread per core; the results
/// are in the order of `paths`, so a reader that stops at the first failure
/// reports the same one as reading them one by one.
std::vector<FileRead> read_source_files(const std::vector<std::string>& paths);

}  // namespace migsim
