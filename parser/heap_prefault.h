#pragma once
// Decides whether the heaps take huge pages, and faults the main heap's pages
// in ahead of the replay, on a thread of its own.
//
// A replay grows the main heap as it goes, and each new page costs a page
// fault in which the kernel zeroes it. The replay is what a run waits for; the
// parsing thread leaves part of the second core idle. While a HeapPrefault
// lives, its thread, once started, first faults in 2 MiB of its own in small
// pages and then as a huge page (fault_costs): where the huge page was the
// cheaper (slow_huge_page), the heaps take huge pages from then on
// (keep_huge_pages), and where not (a virtual machine whose host has to back
// the page again) they keep small pages, and the thread ends.
//
// Then, when a history has been listed and is about to be parsed and replayed
// (fault_next), the thread faults in the first pages its replay will take,
// while the second core has little else to do, and from there on keeps the
// few huge pages above the heap's newest block faulted in (MADV_POPULATE_WRITE,
// which leaves their contents alone), so the replay finds them there. Each of
// those is timed as well: the first slow one gives huge pages up for the rest
// of the run (a host takes back some of its guest's free memory and not the
// rest). Without a history, the thread waits until the heap has grown by
// `quiet` before it faults pages in ahead.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

#include "parser/huge_pages.h"

namespace migsim {

class HeapPrefault {
 public:
  /// Without a history about to be replayed, how far the heap grows (from the
  /// first block noted) before pages are faulted in ahead.
  static constexpr size_t kQuietGrowth = size_t{64} << 20;

  /// Where the main heap is ready for huge pages (use_huge_pages_for_heap took
  /// effect), has note_use() start the thread (or wake it) once the heap has
  /// grown by `quiet`, and fault_next() and decide() start it before that. A
  /// huge page that takes longer than `slow` to fault in (by default
  /// slow_huge_page of what the thread finds) has huge pages given up.
  /// Otherwise does nothing.
  explicit HeapPrefault(size_t quiet = kQuietGrowth,
                        std::optional<std::chrono::nanoseconds> slow = std::nullopt);
  /// Stops and joins the thread, if it was started. Not called while
  /// note_use() runs on another thread.
  ~HeapPrefault();
  HeapPrefault(const HeapPrefault&) = delete;
  HeapPrefault& operator=(const HeapPrefault&) = delete;

  /// Tells the thread where the heap is in use: `block` was just allocated
  /// from the main heap. Costs an atomic store and a comparison, and starts
  /// the thread the first time the heap is found grown by `quiet`; blocks
  /// from other arenas and lower than the highest seen are ignored.
  static void note_use(const void* block);

  /// Starts the thread, which decides whether the heaps take huge pages, if it
  /// has not started yet. For work on threads of its own that is about to
  /// allocate much (a snapshot's rows). Does nothing outside a HeapPrefault's
  /// lifetime or where the heap is not ready for huge pages.
  static void decide();

  /// Faults in, once, the huge pages that hold the main heap's next `bytes`
  /// (other than the one in use now), on the thread, started here if need be,
  /// once it has decided on huge pages; then the thread keeps the pages above
  /// the newest block noted faulted in. For a history about to be replayed,
  /// with what its replay will take. Does nothing outside a HeapPrefault's
  /// lifetime, where the heap is not ready for huge pages, when the bytes fit
  /// in the page in use, or after the first call.
  static void fault_next(size_t bytes);
  /// As fault_next, above `in_use`, a block of the main heap in use now.
  static void fault_next_from(const void* in_use, size_t bytes);

 private:
  /// Starts the thread if the heap has grown by quiet_ since the first block
  /// noted, or wakes it if fault_next() started it.
  void start_when_grown(uintptr_t newest);
  /// fault_next_from's work: records the pages and starts the thread, once.
  void start_first(uintptr_t in_use, size_t bytes);
  /// Under mutex_: starts the thread unless it runs already (or none can be had).
  void start_thread();
  void run();
  bool stop_requested();

  size_t quiet_;
  std::optional<std::chrono::nanoseconds> slow_;
  uintptr_t first_ = 0;               ///< the first block noted (under mutex_)
  std::atomic<bool> started_{false};  ///< the heap has grown by quiet_
  uintptr_t first_from_ = 0;          ///< fault_next's pages, from ... (under mutex_)
  uintptr_t first_to_ = 0;            ///< ... to (under mutex_)
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;  ///< started under mutex_, once; joinable from then on
};

}  // namespace migsim
