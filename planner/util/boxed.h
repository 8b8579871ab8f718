#pragma once
// A value kept out of line, allocated only once it is written. For a part of
// a large object that most such objects leave as it starts (a relation's
// index or sequence fields, which only indexes and sequences have): objects
// without it are smaller, and moving one moves a pointer. Copies copy the
// value; reading a box never written gives T's default value.

#include <concepts>
#include <memory>
#include <utility>

namespace migsim {

template <class T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(T value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT: a T is a Boxed<T>
  Boxed(const Boxed& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  /// Allocates only when a value was written before or `value` differs from
  /// what an unwritten box reads (as set()); a T without == always allocates.
  Boxed& operator=(T value) {
    if (value_) {
      *value_ = std::move(value);
    } else if constexpr (std::equality_comparable<T>) {
      if (!(value == empty())) value_ = std::make_unique<T>(std::move(value));
    } else {
      value_ = std::make_unique<T>(std::move(value));
    }
    return *this;
  }

  /// The value, or T's default when none was written.
  const T& get() const { return value_ ? *value_ : empty(); }
  operator const T&() const { return get(); }  // NOLINT: reads as the T it holds
  const T* operator->() const { return &get(); }
  const T& operator*() const { return get(); }

  /// The value to write: allocated (as T's default) when there was none.
  /// Only writing allocates: `->` and `*` read, even on a box not const.
  T& mut() {
    if (!value_) value_ = std::make_unique<T>();
    return *value_;
  }

  /// Sets one member; allocates only when a value was written before or
  /// `value` differs from what the member reads as unwritten.
  template <class M, class V>
  void set(M T::*member, V&& value) {
    if (!value_ && empty().*member == value) return;
    mut().*member = std::forward<V>(value);
  }

 private:
  static const T& empty() {
    static const T value{};
    return value;
  }

  std::unique_ptr<T> value_;
};

}  // namespace migsim
