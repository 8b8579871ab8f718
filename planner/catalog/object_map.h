#pragma once
// A keyed set of catalog objects whose every change is journaled.

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "planner/catalog/journal.h"

namespace migsim {

template <class T>
class ObjectMap {
 public:
  explicit ObjectMap(Journal& journal) : journal_(&journal) {}

  const T* find(const std::string& key) const {
    auto it = map_.find(key);
    return it == map_.end() ? nullptr : &it->second;
  }

  /// A mutable object; its current value is saved first so it can be restored.
  T* find_mut(const std::string& key) {
    auto it = map_.find(key);
    if (it == map_.end()) return nullptr;
    save(key, it->second);
    return &it->second;
  }

  T& put(const std::string& key, T value) {
    auto it = map_.find(key);
    if (it != map_.end()) {
      save(key, it->second);
      it->second = std::move(value);
      return it->second;
    }
    journal_->record([this, key] { map_.erase(key); });
    return map_.emplace(key, std::move(value)).first->second;
  }

  void erase(const std::string& key) {
    auto it = map_.find(key);
    if (it == map_.end()) return;
    journal_->record([this, key, old = std::move(it->second)]() mutable {
      map_.emplace(key, std::move(old));
    });
    map_.erase(it);
  }

  size_t size() const { return map_.size(); }
  const std::unordered_map<std::string, T>& all() const { return map_; }

  /// Keys in sorted order, for deterministic output.
  std::vector<std::string> sorted_keys() const {
    std::vector<std::string> keys;
    keys.reserve(map_.size());
    for (const auto& [k, v] : map_) keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    return keys;
  }

  /// Direct access without journaling, for loading a snapshot.
  std::unordered_map<std::string, T>& raw() { return map_; }

 private:
  void save(const std::string& key, const T& value) {
    journal_->record([this, key, old = value]() mutable { map_[key] = std::move(old); });
  }

  Journal* journal_;
  std::unordered_map<std::string, T> map_;
};

}  // namespace migsim
