#include "parser/heap_prefault.h"

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>

#include "parser/huge_pages.h"

namespace migsim {
namespace {

/// How far above the newest block pages are kept faulted in: a replay of
/// 20,000 revisions grows the heap by about 0.3 MiB a millisecond, and the
/// thread looks every millisecond.
constexpr uintptr_t kAhead = uintptr_t{8} << 20;
constexpr auto kInterval = std::chrono::milliseconds(1);

std::atomic<uintptr_t> newest_block{0};

}  // namespace

HeapPrefault::HeapPrefault(size_t quiet) : quiet_(quiet) {
  if (!heap_uses_huge_pages()) return;
  thread_ = std::thread([this] { run(); });
}

HeapPrefault::~HeapPrefault() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void HeapPrefault::note_use(const void* block) {
  auto at = reinterpret_cast<uintptr_t>(block);
  if (at <= newest_block.load(std::memory_order_relaxed) || !in_main_heap(block)) return;
  newest_block.store(at, std::memory_order_relaxed);
}

void HeapPrefault::run() {
  uintptr_t done = 0;   // pages below this are faulted in
  uintptr_t first = 0;  // the first block seen
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    uintptr_t newest = newest_block.load(std::memory_order_relaxed);
    if (first == 0) first = newest;
    if (newest != 0 && newest - first >= quiet_) {
      // The page of the newest block is in already; the ones above it are next.
      uintptr_t from = std::max(done, (newest + kHugePage) & ~(kHugePage - 1));
      uintptr_t to = (newest + kAhead) & ~(kHugePage - 1);
      // Above the heap's end nothing is mapped, and madvise says so (ENOMEM):
      // those pages are tried again once the heap has grown.
      for (; from < to; from += kHugePage) {
        if (madvise(reinterpret_cast<void*>(from), kHugePage, MADV_POPULATE_WRITE) != 0) {
          if (errno == EINVAL) return;  // a kernel before 5.14
          break;
        }
        done = from + kHugePage;
      }
    }
    wake_.wait_for(lock, kInterval, [this] { return stop_; });
  }
}

}  // namespace migsim
