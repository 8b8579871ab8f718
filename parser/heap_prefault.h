#pragma once
// Faults the main heap's pages in ahead of the replay, on a thread of its own.
//
// A replay grows the main heap as it goes, and each new page costs a page
// fault in which the kernel zeroes it: on a virtual machine whose host backs
// memory only when it is first touched, a fifth of the replay's thread. The
// replay is what a run waits for; the parsing thread leaves part of the second
// core idle. While a HeapPrefault lives, a thread keeps the few huge pages
// above the heap's newest block faulted in (MADV_POPULATE_WRITE, which leaves
// their contents alone), so the replay finds them there.

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

namespace migsim {

class HeapPrefault {
 public:
  /// How far the heap grows (from the first block noted) before pages are
  /// faulted in ahead: a run that stays small (2,000 revisions peak at 52 MiB
  /// for all threads together) is as fast without, since its parsing keeps
  /// the second core busy.
  static constexpr size_t kQuietGrowth = size_t{64} << 20;

  /// Starts the thread, where the main heap is in huge pages
  /// (use_huge_pages_for_heap took effect); otherwise does nothing.
  explicit HeapPrefault(size_t quiet = kQuietGrowth);
  /// Stops and joins the thread.
  ~HeapPrefault();
  HeapPrefault(const HeapPrefault&) = delete;
  HeapPrefault& operator=(const HeapPrefault&) = delete;

  /// Tells the thread where the heap is in use: `block` was just allocated
  /// from the main heap. Costs an atomic store; blocks from other arenas and
  /// lower than the highest seen are ignored.
  static void note_use(const void* block);

 private:
  void run();

  size_t quiet_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace migsim
