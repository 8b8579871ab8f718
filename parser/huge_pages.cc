#include "parser/huge_pages.h"

#include <malloc.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

extern char end;  // the end of the program's data: the main heap starts above it

namespace migsim {
namespace {

constexpr size_t kLargestFromArena = size_t{32} << 20;  // glibc's upper bound for M_MMAP_THRESHOLD
// A thread's arena is a heap of this size, mapped at a multiple of it (glibc's
// HEAP_MAX_SIZE on 64-bit systems), grown within its mapping as it fills.
constexpr uintptr_t kThreadHeap = uintptr_t{64} << 20;
std::atomic<bool> in_use{false};
/// Whether huge pages are asked for: not until fault_costs() has said
/// they are (keep_huge_pages), and no more once give_up_huge_pages() is called.
enum class Mode { kUndecided, kKept, kGivenUp };
std::atomic<Mode> mode{Mode::kUndecided};
/// The main heap's part for huge pages: from its first 2 MiB boundary above
/// what was in use at start (set once, there).
std::atomic<uintptr_t> heap_from{0};
/// Every thread heap seen by use_huge_pages_for_thread and follow_thread_heap,
/// asked huge pages for (or not) by keep_huge_pages and give_up_huge_pages.
std::atomic<uintptr_t> thread_heaps[64];
std::atomic<size_t> thread_heap_count{0};
/// The heaps of this thread's arena asked for huge pages, the last one first
/// looked at; none on threads that did not call use_huge_pages_for_thread.
/// An arena that outgrows this many heaps (2 GiB) goes on in small pages.
struct AdvisedHeaps {
  uintptr_t heaps[32] = {};
  size_t count = 0;
  size_t last = 0;
};
thread_local AdvisedHeaps advised;

void advise_thread_heap(uintptr_t heap) {
  size_t slot = thread_heap_count.fetch_add(1);
  if (slot < std::size(thread_heaps)) {  // else left in small pages
    // Filled before the mode is read, as keep_huge_pages and give_up_huge_pages
    // set the mode before they read the slots: one of the two sees the other.
    thread_heaps[slot] = heap;
    if (mode == Mode::kKept) {
      madvise(reinterpret_cast<void*>(heap), kThreadHeap, MADV_HUGEPAGE);
      if (mode == Mode::kGivenUp)
        madvise(reinterpret_cast<void*>(heap), kThreadHeap, MADV_NOHUGEPAGE);
    }
  }
  advised.last = advised.count;
  advised.heaps[advised.count++] = heap;
}

bool in_main_heap(uintptr_t at) {
  return at < reinterpret_cast<uintptr_t>(sbrk(0)) && at > reinterpret_cast<uintptr_t>(&end);
}

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
/// The whole huge pages of [from, end) (the main heap; not under a sanitizer).
void advise(uintptr_t from, uintptr_t end) {
  from = (from + kHugePage - 1) & ~(kHugePage - 1);
  end &= ~(kHugePage - 1);
  if (end > from) madvise(reinterpret_cast<void*>(from), end - from, MADV_HUGEPAGE);
}
#endif

/// Takes the free space of a heap from `top` (where its free top begins) up
/// to the next 2 MiB boundary, for good: that part shares its huge page's
/// range with pages already touched, so it would get 4 KiB pages a fault at a
/// time (on some virtual machines a fault costs about what zeroing a huge page
/// does). What is taken is address space, never touched.
void skip_to_huge_page(uintptr_t top) {
  uintptr_t boundary = (top + kHugePage - 1) & ~(kHugePage - 1);
  constexpr uintptr_t kHeaders = 64;  // this block's and the next one's
  if (boundary - top <= kHeaders) return;
  // Never freed; kept where it can be seen, or the compiler drops an
  // allocation nobody reads.
  static std::atomic<void*> kept[8];
  static std::atomic<int> count{0};
  void* pad = malloc(boundary - top - kHeaders);
  int i = count.fetch_add(1);
  if (i < 8) kept[i] = pad;
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
  // From here on no heap is shrunk and blocks up to 32 MiB come from the
  // heaps. A heap glibc maps for a thread's arena is made writable with this
  // pad at once, whole, instead of a few pages at a time (a 2 MiB range that
  // two mappings share gets no huge page: at 20,000 revisions that was 50,000
  // page faults); the main heap, once its 1 GiB is used, grows by as much, in
  // address space.
  mallopt(M_TRIM_THRESHOLD, INT_MAX);
  mallopt(M_TOP_PAD, static_cast<int>(kThreadHeap));
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(kLargestFromArena));
  heap_from = (reinterpret_cast<uintptr_t>(start) + kHugePage - 1) & ~(kHugePage - 1);
  // The freed blocks went back to the heap's free top, which starts where the first was.
  skip_to_huge_page(reinterpret_cast<uintptr_t>(blocks[0]));
  in_use = true;
#endif
}

bool heap_uses_huge_pages() {
  return in_use;
}

std::chrono::nanoseconds thread_time() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

namespace {

/// This thread's time to fault in a 2 MiB range of a fresh mapping, asked
/// for huge pages or kept from them; max() where no mapping is to be had.
std::chrono::nanoseconds fault_cost(int advice) {
  size_t span = 2 * kHugePage;
  void* mapped = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) return std::chrono::nanoseconds::max();
  auto* range = reinterpret_cast<volatile char*>(
      (reinterpret_cast<uintptr_t>(mapped) + kHugePage - 1) & ~(kHugePage - 1));
  madvise(const_cast<char*>(range), kHugePage, advice);
  auto before = thread_time();
  // The first byte faults a whole huge page in, where one is to be had;
  // in small pages, each 4 KiB takes one fault.
  size_t step = advice == MADV_HUGEPAGE ? kHugePage : 4096;
  for (size_t at = 0; at < kHugePage; at += step) range[at] = 1;
  auto took = thread_time() - before;
  munmap(mapped, span);
  return took;
}

}  // namespace

FaultCosts fault_costs() {
  FaultCosts costs;
  costs.small = fault_cost(MADV_NOHUGEPAGE);
  if (costs.small != std::chrono::nanoseconds::max()) costs.huge = fault_cost(MADV_HUGEPAGE);
  return costs;
}

void keep_huge_pages() {
  Mode undecided = Mode::kUndecided;
  if (!in_use || !mode.compare_exchange_strong(undecided, Mode::kKept)) return;
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
  // Pages already touched in small ones stay so; the rest of the heap takes huge ones.
  advise(heap_from, reinterpret_cast<uintptr_t>(sbrk(0)));
#endif
  size_t count = std::min(thread_heap_count.load(), std::size(thread_heaps));
  for (size_t i = 0; i < count; ++i) {
    // A slot taken but not yet filled is 0: its thread sees the mode instead.
    if (uintptr_t heap = thread_heaps[i])
      madvise(reinterpret_cast<void*>(heap), kThreadHeap, MADV_HUGEPAGE);
  }
}

void give_up_huge_pages(uintptr_t main_heap_from) {
  if (!in_use || mode.exchange(Mode::kGivenUp) != Mode::kKept) return;
  // Pages already in stay as they are; the rest of each range takes small ones.
  uintptr_t from = std::max(main_heap_from, heap_from.load());
  uintptr_t to = reinterpret_cast<uintptr_t>(sbrk(0));
  if (to > from) madvise(reinterpret_cast<void*>(from), to - from, MADV_NOHUGEPAGE);
  size_t count = std::min(thread_heap_count.load(), std::size(thread_heaps));
  for (size_t i = 0; i < count; ++i) {
    if (uintptr_t heap = thread_heaps[i])
      madvise(reinterpret_cast<void*>(heap), kThreadHeap, MADV_NOHUGEPAGE);
  }
}

bool huge_pages_kept() {
  return mode == Mode::kKept;
}

bool in_main_heap(const void* block) {
  return in_main_heap(reinterpret_cast<uintptr_t>(block));
}

void use_huge_pages_for_thread() {
  if (!in_use) return;
  // A first small block makes the thread's arena, its heap writable whole
  // (M_TOP_PAD above); that heap is asked for huge pages whole, and the rest
  // of its first 2 MiB, where the arena's own header is, is skipped. A thread
  // whose arena is the main heap has it asked for at start.
  void* first = malloc(16);
  auto at = reinterpret_cast<uintptr_t>(first);
  if (first && !in_main_heap(at)) {
    if (advised.count == 0) advise_thread_heap(at & ~(kThreadHeap - 1));
    skip_to_huge_page(at + 32);  // past `first` (16 bytes and its header)
  }
  free(first);
}

void follow_thread_heap(const void* block) {
  auto at = reinterpret_cast<uintptr_t>(block);
  uintptr_t heap = at & ~(kThreadHeap - 1);
  if (advised.count == 0 || heap == advised.heaps[advised.last]) return;
  // Blocks also come from gaps in earlier heaps, already asked for.
  for (size_t i = 0; i < advised.count; ++i) {
    if (advised.heaps[i] == heap) {
      advised.last = i;
      return;
    }
  }
  if (advised.count == std::size(advised.heaps) || !block || in_main_heap(at)) return;
  advise_thread_heap(heap);
}

}  // namespace migsim
