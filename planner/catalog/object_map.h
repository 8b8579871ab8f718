#pragma once
// A keyed set of catalog objects whose every change is journaled.

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <absl/container/node_hash_map.h>

#include "planner/catalog/journal.h"

namespace migsim {

/// Keys of an ObjectMap in sorted order. Holds the list it was taken from, so
/// a loop over it stays valid while the loop adds or removes objects.
class SortedKeys {
 public:
  explicit SortedKeys(std::shared_ptr<const std::vector<std::string>> keys)
      : keys_(std::move(keys)) {}
  auto begin() const { return keys_->begin(); }
  auto end() const { return keys_->end(); }
  size_t size() const { return keys_->size(); }
  operator std::vector<std::string>() const { return *keys_; }

 private:
  std::shared_ptr<const std::vector<std::string>> keys_;
};

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
    live(key);
    return &it->second;
  }

  /// A mutable object whose change the caller undoes itself: `undo`, given
  /// the object as it is when rolled back, is journaled instead of a copy of
  /// the object. For a small change to a large object (a comment, a column's
  /// default, a column added at the end), where the copy would cost more than
  /// the change. `undo` must put back everything the caller changes.
  template <class Undo>
  T* find_mut_undo(const std::string& key, Undo undo) {
    auto it = map_.find(key);
    if (it == map_.end()) return nullptr;
    // Changes after this one are undone first: the object is there again.
    journal_->record([this, key, undo = std::move(undo)]() mutable {
      auto at = map_.find(key);
      if (at != map_.end()) undo(at->second);
      changed(key);
    });
    live(key);
    return &it->second;
  }

  /// Adds or replaces the object of `key`. A catalog object is large: it is
  /// moved in once (and the replaced one once into the journal).
  T& put(const std::string& key, T&& value) {
    auto it = map_.find(key);
    live(key);
    if (it != map_.end()) {
      save(key, std::move(it->second));  // replaced next: the journal takes it, no copy
      it->second = std::move(value);
      return it->second;
    }
    journal_->record([this, key] {
      map_.erase(key);
      changed(key);
      sorted_.reset();
    });
    sorted_.reset();
    return map_.emplace(key, std::move(value)).first->second;
  }
  T& put(const std::string& key, const T& value) { return put(key, T(value)); }

  void erase(const std::string& key) {
    auto it = map_.find(key);
    if (it == map_.end()) return;
    journal_->record([this, key, old = std::move(it->second)]() mutable {
      map_.emplace(key, std::move(old));
      changed(key);
      sorted_.reset();
    });
    map_.erase(it);
    changed(key);
    sorted_.reset();
  }

  size_t size() const { return map_.size(); }
  /// The objects, in no particular order: it differs from one process to the
  /// next. A loop whose result depends on the order takes sorted_keys() or sorts.
  using Map = absl::node_hash_map<std::string, T>;
  const Map& all() const { return map_; }

  /// Keys in sorted order, for deterministic output. Kept between calls and
  /// sorted again only after a key was added or removed.
  SortedKeys sorted_keys() const {
    if (!sorted_) {
      auto keys = std::make_shared<std::vector<std::string>>();
      keys->reserve(map_.size());
      for (const auto& [k, v] : map_) keys->push_back(k);
      std::sort(keys->begin(), keys->end());
      sorted_ = std::move(keys);
    }
    return SortedKeys(sorted_);
  }

  /// The keys whose objects may have changed (added, replaced, handed out
  /// mutable, erased, restored) since the last call, for indexes derived from
  /// the objects. `all` is set when the list was dropped or never kept.
  struct Changes {
    bool all = false;
    std::vector<std::string> keys;
  };
  /// Objects handed out mutable (find_mut, put) in the current statement are
  /// listed on every call until end_statement(): their holder may change them still.
  Changes take_changes() const {
    Changes c{changes_all_ || raw_live_, std::move(changes_)};
    changes_all_ = false;
    changes_.clear();
    if (!c.all) c.keys.insert(c.keys.end(), live_.begin(), live_.end());
    return c;
  }

  /// The list take_changes() would return, left in place: keys in the order
  /// their objects changed, repeated for each change; null when it was dropped
  /// (take_changes would say `all`). Objects handed out mutable in the current
  /// statement are in live_keys() instead, until end_statement().
  const std::vector<std::string>* pending_changes() const {
    return changes_all_ || raw_live_ ? nullptr : &changes_;
  }
  const std::vector<std::string>& live_keys() const { return live_; }

  /// The statement that may hold mutable objects has ended.
  void end_statement() {
    for (auto& k : live_) changed(k);
    live_.clear();
    if (raw_live_) changes_all_ = true;
    raw_live_ = false;
  }

  /// Direct access without journaling, for loading a snapshot.
  Map& raw() {
    sorted_.reset();
    changes_all_ = true;
    raw_live_ = true;
    changes_.clear();
    return map_;
  }

 private:
  /// Journals `value` (copied, or moved when given an rvalue) as the one to restore.
  template <class U>
  void save(const std::string& key, U&& value) {
    journal_->record([this, key, old = T(std::forward<U>(value))]() mutable {
      map_[key] = std::move(old);
      changed(key);
    });
  }

  /// Notes a change for take_changes(); a list longer than the map is dropped
  /// for `all`, so a map nobody derives from keeps little.
  void changed(const std::string& key) const {
    if (changes_all_) return;
    if (changes_.size() > map_.size() + 64) {
      changes_all_ = true;
      changes_.clear();
      return;
    }
    changes_.push_back(key);
  }
  void live(const std::string& key) {
    if (live_.empty() || live_.back() != key) live_.push_back(key);
  }

  Journal* journal_;
  Map map_;  ///< nodes: an object stays where it is while others come and go
  mutable std::shared_ptr<const std::vector<std::string>> sorted_;
  mutable std::vector<std::string> changes_;
  mutable bool changes_all_ = true;
  std::vector<std::string> live_;  ///< handed out mutable in this statement
  bool raw_live_ = false;          ///< raw() handed out in this statement
};

}  // namespace migsim
