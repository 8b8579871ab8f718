#pragma once
// SHA-256 (FIPS 180-4), for the identities of a saved run's input files.

#include <cstdint>
#include <string>
#include <string_view>

namespace migsim {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  /// The digest as 64 lowercase hex digits; the object is spent after this.
  std::string hex();

 private:
  void block(const unsigned char* p);
  uint32_t h_[8];
  unsigned char buf_[64];
  size_t used_ = 0;
  uint64_t length_ = 0;  ///< bytes hashed so far
};

/// The SHA-256 of `data` in hex.
std::string sha256_hex(std::string_view data);

}  // namespace migsim
