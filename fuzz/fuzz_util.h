#pragma once
// What the fuzz targets share: a private scratch directory per process.

#include <cstddef>
#include <cstdint>
#include <string>

namespace migsim::fuzz {

/// A directory of this process's own, created on first use (removed at exit).
const std::string& scratch_dir();

/// Writes `size` bytes at `data` to `path` (replacing it); aborts on failure.
void write_file(const std::string& path, const uint8_t* data, size_t size);

}  // namespace migsim::fuzz
