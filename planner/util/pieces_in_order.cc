#include "planner/util/pieces_in_order.h"

#include <array>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>

namespace migsim {
namespace {

/// Who makes which piece, and the pieces made and not yet emitted. Either
/// thread takes the next piece when its slot is free (the piece kHeld before
/// it was emitted); this thread emits them in order.
class Maker {
 public:
  Maker(size_t count, const MakePiece& make) : count_(count), make_(make) {}

  /// The helper: takes and makes pieces until none is left or stop().
  void help() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      changed_.wait(lock, [&] { return stop_ || taken_ >= count_ || may_take(); });
      if (!may_take()) return;
      make_next(lock);
    }
  }

  /// This thread: emits each piece once made, making pieces itself while the
  /// next one to emit is still being made by the helper.
  void emit_all(const std::function<void(std::string_view)>& emit) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (emitted_ < count_) {
      Slot& slot = slots_[emitted_ % kHeld];
      if (slot.done) {
        if (slot.error) std::rethrow_exception(slot.error);
        lock.unlock();  // the slot is nobody else's until emitted_ moves past it
        emit(slot.text);
        slot.text.clear();
        lock.lock();
        slot.done = false;
        ++emitted_;
        changed_.notify_all();
      } else if (may_take()) {
        make_next(lock);
      } else {
        changed_.wait(lock, [&] { return slot.done || may_take(); });
      }
    }
  }

  void stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    changed_.notify_all();
  }

 private:
  /// A cache line each: the two threads append to the texts of neighbouring
  /// slots at once, and a text's length changes with every append.
  struct alignas(64) Slot {
    std::string text;
    bool done = false;
    std::exception_ptr error;
  };

  /// A piece is left to take and its slot is free; none is taken once one failed
  /// (the pieces before it are all taken: they are taken in order).
  bool may_take() const { return !stop_ && taken_ < count_ && taken_ < emitted_ + kHeld; }

  /// Takes the next piece and makes it with the lock released.
  void make_next(std::unique_lock<std::mutex>& lock) {
    size_t index = taken_++;
    Slot& slot = slots_[index % kHeld];
    lock.unlock();
    std::exception_ptr error;
    try {
      make_(index, slot.text);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    slot.error = error;
    slot.done = true;
    if (error) stop_ = true;  // the pieces after it would never be emitted
    changed_.notify_all();
  }

  const size_t count_;
  const MakePiece& make_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::array<Slot, kHeld> slots_;
  size_t taken_ = 0;
  size_t emitted_ = 0;
  bool stop_ = false;
};

}  // namespace

void pieces_in_order(size_t count, const MakePiece& make,
                     const std::function<void(std::string_view)>& emit) {
  auto alone = [&] {
    std::string text;
    for (size_t i = 0; i < count; ++i) {
      text.clear();
      make(i, text);
      emit(text);
    }
  };
  if (count < 2) return alone();
  Maker maker(count, make);
  std::thread helper;
  try {
    helper = std::thread([&maker] { maker.help(); });
  } catch (const std::system_error&) {
    return alone();  // no thread to be had: this one makes them all
  }
  struct Join {
    Maker& maker;
    std::thread& helper;
    ~Join() {
      maker.stop();
      helper.join();
    }
  } join{maker, helper};
  maker.emit_all(emit);
}

}  // namespace migsim
