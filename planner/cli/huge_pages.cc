#include "planner/cli/huge_pages.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

namespace migsim {

void use_huge_pages_for_heap() {
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
  std::ifstream setting("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  if (!std::getline(setting, modes) || modes.find("[madvise]") == std::string::npos) return;
  constexpr int kReserve = 1 << 30;
  constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
  // The next growth of the heap adds kReserve beyond what is asked for: ask
  // for small blocks (below the size malloc maps on its own) until it grows.
  mallopt(M_TOP_PAD, kReserve);
  auto* start = static_cast<char*>(sbrk(0));
  void* blocks[8] = {};
  for (void*& block : blocks) {
    block = malloc(100 << 10);
    if (static_cast<char*>(sbrk(0)) != start) break;
  }
  for (void* block : blocks) free(block);
  // From here on the heap is never shrunk, and grows as usual once full.
  mallopt(M_TRIM_THRESHOLD, INT_MAX);
  mallopt(M_TOP_PAD, 128 << 10);
  auto from = (reinterpret_cast<uintptr_t>(start) + kHugePage - 1) & ~(kHugePage - 1);
  auto end = reinterpret_cast<uintptr_t>(sbrk(0));
  if (end > from) madvise(reinterpret_cast<void*>(from), end - from, MADV_HUGEPAGE);
#endif
}

}  // namespace migsim
