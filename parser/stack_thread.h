#pragma once
// A thread with a stack of a chosen size. The reader and the engine recurse
// once per level of what they read, so any thread that parses or replays runs
// on a stack sized for the limits in force (stack_size_for), whatever
// `ulimit -s` gave the process; std::thread cannot choose its stack.

#include <pthread.h>

#include <cstddef>
#include <functional>
#include <memory>

namespace migsim {

class StackThread {
 public:
  StackThread() = default;
  StackThread(StackThread&& other) noexcept;
  StackThread& operator=(StackThread&&) = delete;
  StackThread(const StackThread&) = delete;
  StackThread& operator=(const StackThread&) = delete;
  /// Joins the thread, as std::jthread does.
  ~StackThread() { join(); }

  /// Runs `body` on a new thread with `stack_bytes` of stack; false, with
  /// nothing started, when the system cannot give that much. `body` must not
  /// throw.
  bool start(std::function<void()> body, size_t stack_bytes);
  void join();

 private:
  std::unique_ptr<std::function<void()>> body_;
  pthread_t thread_{};
  bool running_ = false;
};

}  // namespace migsim
