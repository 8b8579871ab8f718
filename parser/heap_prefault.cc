#include "parser/heap_prefault.h"

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <memory>
#include <system_error>

#include "parser/huge_pages.h"

namespace migsim {
namespace {

/// How far above the newest block pages are kept faulted in: a replay of
/// 20,000 revisions grows the heap by about 0.3 MiB a millisecond, and the
/// thread looks every millisecond.
constexpr uintptr_t kAhead = uintptr_t{8} << 20;
constexpr auto kInterval = std::chrono::milliseconds(1);

std::atomic<uintptr_t> newest_block{0};

/// Faults in the huge page at `from`: false where that failed (errno says
/// why) or took longer than `slow` (errno 0), where huge pages are given up.
bool fault_in(uintptr_t from, std::chrono::nanoseconds slow) {
  auto before = thread_time();
  if (madvise(reinterpret_cast<void*>(from), kHugePage, MADV_POPULATE_WRITE) != 0) return false;
  if (thread_time() - before <= slow) return true;
  give_up_huge_pages(from + kHugePage);
  errno = 0;
  return false;
}

/// The HeapPrefault that note_use() reports to; none outside its lifetime.
std::atomic<HeapPrefault*> current{nullptr};

}  // namespace

HeapPrefault::HeapPrefault(size_t quiet, std::optional<std::chrono::nanoseconds> slow)
    : quiet_(quiet), slow_(slow) {
  if (!heap_uses_huge_pages()) return;
  newest_block = 0;  // none noted in this one's lifetime yet
  current.store(this);
}

HeapPrefault::~HeapPrefault() {
  HeapPrefault* self = this;
  current.compare_exchange_strong(self, nullptr);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void HeapPrefault::note_use(const void* block) {
  auto at = reinterpret_cast<uintptr_t>(block);
  uintptr_t newest = newest_block.load(std::memory_order_relaxed);
  if (at > newest && in_main_heap(block)) {
    newest_block.store(at, std::memory_order_relaxed);
    newest = at;
  }
  if (HeapPrefault* p = current.load(std::memory_order_relaxed); p && newest != 0)
    p->start_when_grown(newest);
}

void HeapPrefault::fault_next(size_t bytes) {
  // Where the heap is in use now: a block just taken from its free top.
  auto probe = std::make_unique<char[]>(64);
  fault_next_from(probe.get(), bytes);
}

void HeapPrefault::fault_next_from(const void* in_use, size_t bytes) {
  HeapPrefault* p = current.load(std::memory_order_relaxed);
  if (p && in_main_heap(in_use)) p->start_first(reinterpret_cast<uintptr_t>(in_use), bytes);
}

void HeapPrefault::decide() {
  if (HeapPrefault* p = current.load(std::memory_order_relaxed)) {
    std::lock_guard<std::mutex> lock(p->mutex_);
    if (!p->stop_) p->start_thread();
  }
}

void HeapPrefault::start_thread() {
  if (thread_.joinable()) return;
  try {
    thread_ = std::thread([this] { run(); });
  } catch (const std::system_error&) {
    // No thread to be had: the replay faults its pages in itself, as it would anyway.
  }
}

void HeapPrefault::start_first(uintptr_t in_use, size_t bytes) {
  // The pages that hold the next `bytes`, above the one in use.
  uintptr_t from = (in_use + kHugePage) & ~(kHugePage - 1);
  uintptr_t to = (in_use + bytes + kHugePage - 1) & ~(kHugePage - 1);
  std::lock_guard<std::mutex> lock(mutex_);
  if (stop_ || first_to_ != 0 || to <= from) return;
  first_from_ = from;
  first_to_ = to;
  if (thread_.joinable())
    wake_.notify_one();  // started by decide()
  else
    start_thread();
}

void HeapPrefault::start_when_grown(uintptr_t newest) {
  if (started_.load(std::memory_order_relaxed)) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (first_ == 0) first_ = newest;
  if (stop_ || newest - first_ < quiet_) return;
  started_.store(true, std::memory_order_relaxed);
  if (thread_.joinable())
    wake_.notify_one();  // started by decide() or fault_next()
  else
    start_thread();
}

bool HeapPrefault::stop_requested() {
  std::lock_guard<std::mutex> lock(mutex_);
  return stop_;
}

void HeapPrefault::run() {
  FaultCosts costs = fault_costs();
  std::chrono::nanoseconds slow = slow_ ? *slow_ : slow_huge_page(costs);
  if (costs.huge > slow) {
    give_up_huge_pages(0);
    return;
  }
  keep_huge_pages();
  uintptr_t done = 0;  // pages below this are faulted in
  std::unique_lock<std::mutex> lock(mutex_);
  // Nothing to do before a history is about to be replayed or the heap has grown.
  wake_.wait(
      lock, [this] { return stop_ || first_to_ != 0 || started_.load(std::memory_order_relaxed); });
  if (first_to_ != 0) {
    uintptr_t from = first_from_, to = first_to_;
    lock.unlock();
    for (; from < to && !stop_requested(); from += kHugePage) {
      if (!fault_in(from, slow)) break;
      done = from + kHugePage;
    }
    if (!huge_pages_kept()) return;
    lock.lock();
    // From here on the replay's pages are kept faulted in ahead of it, each one
    // timed, so that huge pages are given up once the host has to back them again.
  }
  while (!stop_) {
    uintptr_t newest = newest_block.load(std::memory_order_relaxed);
    // The page of the newest block is in already; the ones above it are next.
    uintptr_t from = std::max(done, (newest + kHugePage) & ~(kHugePage - 1));
    uintptr_t to = (newest + kAhead) & ~(kHugePage - 1);
    // Above the heap's end nothing is mapped, and madvise says so (ENOMEM):
    // those pages are tried again once the heap has grown.
    for (; from < to; from += kHugePage) {
      if (!fault_in(from, slow)) {
        if (errno == EINVAL || !huge_pages_kept()) return;  // EINVAL: a kernel before 5.14
        break;
      }
      done = from + kHugePage;
    }
    wake_.wait_for(lock, kInterval, [this] { return stop_; });
  }
}

}  // namespace migsim
