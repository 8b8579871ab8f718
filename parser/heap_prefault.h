#pragma once
// Faults the main heap's pages in ahead of the replay, on a thread of its own.
//
// A replay grows the main heap as it goes, and each new page costs a page
// fault in which the kernel zeroes it: on a virtual machine whose host backs
// memory only when it is first touched, a fifth of the replay's thread. The
// replay is what a run waits for; the parsing thread leaves part of the second
// core idle. While a HeapPrefault lives, once the heap has grown far enough
// for it to pay, a thread keeps the few huge pages above the heap's newest
// block faulted in (MADV_POPULATE_WRITE, which leaves their contents alone),
// so the replay finds them there.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
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

  /// Where the main heap is in huge pages (use_huge_pages_for_heap took
  /// effect), has note_use() start the thread once the heap has grown by
  /// `quiet`; a run that stays smaller never starts it. Otherwise does nothing.
  explicit HeapPrefault(size_t quiet = kQuietGrowth);
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

 private:
  /// Starts the thread if the heap has grown by quiet_ since the first block noted.
  void start_when_grown(uintptr_t newest);
  void run();

  size_t quiet_;
  uintptr_t first_ = 0;  ///< the first block noted (under mutex_)
  std::atomic<bool> started_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace migsim
