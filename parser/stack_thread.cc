#include "parser/stack_thread.h"

#include <utility>

namespace migsim {
namespace {

void* run_body(void* arg) {
  (*static_cast<std::function<void()>*>(arg))();
  return nullptr;
}

}  // namespace

StackThread::StackThread(StackThread&& other) noexcept
    : body_(std::move(other.body_)), thread_(other.thread_), running_(other.running_) {
  other.running_ = false;
}

bool StackThread::start(std::function<void()> body, size_t stack_bytes) {
  join();
  body_ = std::make_unique<std::function<void()>>(std::move(body));
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stack_bytes);
  running_ = pthread_create(&thread_, &attr, run_body, body_.get()) == 0;
  pthread_attr_destroy(&attr);
  return running_;
}

void StackThread::join() {
  if (!running_) return;
  pthread_join(thread_, nullptr);
  running_ = false;
}

}  // namespace migsim
