#include "parser/read_files.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

namespace migsim {

std::vector<FileRead> read_source_files(const std::vector<std::string>& paths) {
  std::vector<FileRead> out(paths.size());
  std::atomic<size_t> next{0};
  std::vector<std::exception_ptr> thrown(paths.size());
  auto work = [&] {
    for (size_t i = next++; i < paths.size(); i = next++) {
      try {
        out[i].source = read_source_file(paths[i], out[i].error);
      } catch (...) {
        thrown[i] = std::current_exception();
      }
    }
  };
  // A thread pays for itself from a few dozen files on.
  size_t cores = std::max<size_t>(1, std::thread::hardware_concurrency());
  size_t helpers = std::min<size_t>({cores - 1, 7, paths.size() / 32});
  std::vector<std::jthread> threads;
  for (size_t k = 0; k < helpers; ++k) threads.emplace_back(work);
  work();
  threads.clear();
  for (const auto& e : thrown)
    if (e) std::rethrow_exception(e);
  return out;
}

}  // namespace migsim
