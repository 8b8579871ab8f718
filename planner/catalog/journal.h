#pragma once
// Undo log for the catalog: every change saves the value it replaces, so a
// failed statement, a ROLLBACK or a ROLLBACK TO SAVEPOINT puts them back.

#include <functional>
#include <vector>

namespace migsim {

class Journal {
 public:
  size_t mark() const { return undo_.size(); }
  void record(std::function<void()> undo) { undo_.push_back(std::move(undo)); }
  /// Undoes every change made since `mark`, newest first.
  void rollback_to(size_t mark) {
    while (undo_.size() > mark) {
      auto undo = std::move(undo_.back());
      undo_.pop_back();
      undo();
    }
  }
  /// Makes every change so far permanent.
  void commit() { undo_.clear(); }

 private:
  std::vector<std::function<void()>> undo_;
};

}  // namespace migsim
