#include "parser/huge_pages.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

namespace migsim {
namespace {

constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
constexpr size_t kLargestFromArena = size_t{32} << 20;  // glibc's upper bound for M_MMAP_THRESHOLD
std::atomic<bool> in_use{false};

void advise(uintptr_t from, uintptr_t end) {
  from = (from + kHugePage - 1) & ~(kHugePage - 1);
  end &= ~(kHugePage - 1);
  if (end > from) madvise(reinterpret_cast<void*>(from), end - from, MADV_HUGEPAGE);
}

}  // namespace

void use_huge_pages_for_heap() {
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
  std::ifstream setting("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  if (!std::getline(setting, modes) || modes.find("[madvise]") == std::string::npos) return;
  constexpr int kReserve = 1 << 30;
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
  // From here on no heap is shrunk, the main one grows as usual once full,
  // and blocks up to 32 MiB come from the heaps (reserve_thread_heap).
  mallopt(M_TRIM_THRESHOLD, INT_MAX);
  mallopt(M_TOP_PAD, 128 << 10);
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(kLargestFromArena));
  advise(reinterpret_cast<uintptr_t>(start), reinterpret_cast<uintptr_t>(sbrk(0)));
  in_use = true;
#endif
}

void reserve_thread_heap(size_t bytes) {
  if (!in_use) return;
  bytes = std::min(bytes, kLargestFromArena - (size_t{2} << 20));
  // Freed at once, the block stays in this thread's arena: heaps are never
  // shrunk (M_TRIM_THRESHOLD above).
  void* volatile block = malloc(bytes);
  if (!block) return;
  advise(reinterpret_cast<uintptr_t>(block), reinterpret_cast<uintptr_t>(block) + bytes);
  free(block);
}

}  // namespace migsim
