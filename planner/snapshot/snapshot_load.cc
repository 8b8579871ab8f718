// Loading a snapshot file: checks on the file, then the reader on an
// in-memory copy of it.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "parser/limits.h"
#include "planner/snapshot/snapshot.h"
#include "planner/snapshot/store_internal.h"

namespace migsim {
namespace {

/// Reads up to `size` bytes of the file at `path` (fewer when it shrank since
/// it was examined; SQLite then finds it truncated); false with errno set.
bool read_whole_file(const std::string& path, size_t size, std::string& bytes) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bytes.resize(size);
  size_t got = 0;
  int failed = 0;
  while (got < size) {
    ssize_t n = read(fd, bytes.data() + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failed = errno;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  close(fd);
  if (failed != 0) {
    errno = failed;
    return false;
  }
  bytes.resize(got);
  return true;
}

/// A read-only connection to the database in `bytes`, which it uses in place
/// (they must outlive it); null when SQLite has no memory for it.
Db open_in_memory(std::string& bytes) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) return nullptr;
  auto* data = reinterpret_cast<unsigned char*>(bytes.data());
  auto size = static_cast<sqlite3_int64>(bytes.size());
  if (sqlite3_deserialize(raw, "main", data, size, size, SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
    return nullptr;
  // With memory mapping on, SQLite reads pages where they lie instead of
  // copying each into its cache.
  std::string mmap = "PRAGMA mmap_size=" + std::to_string(size);
  sqlite3_exec(raw, mmap.c_str(), nullptr, nullptr, nullptr);
  return db;
}

}  // namespace

bool load_snapshot(const std::string& path, Catalog& catalog, Snapshot& snap, InputError& error) {
  error = {path, 0, 0, ""};
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    error.message = "cannot open snapshot: no such file";
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    error.message = S_ISDIR(st.st_mode) ? "cannot open snapshot: is a directory, expected a file"
                                        : "cannot open snapshot: not a regular file";
    return false;
  }
  if (st.st_size == 0) {
    // SQLite takes an empty file for an empty database.
    error.message = "not a migsim snapshot: the file is empty";
    return false;
  }
  uint64_t limit = input_limits().max_snapshot_size;
  if (static_cast<uint64_t>(st.st_size) > limit) {
    error.message = "snapshot is " + format_size(static_cast<uint64_t>(st.st_size)) +
                    ", larger than the limit of " + format_size(limit) +
                    " (raise it with --max-snapshot-size)";
    return false;
  }
  note_input_file(path);
  // The file is read whole and opened from memory: every connection then sees
  // the same bytes (a file changed meanwhile cannot mix two versions), and
  // pages are used where they lie.
  std::string bytes;
  if (!read_whole_file(path, static_cast<size_t>(st.st_size), bytes)) {
    error.message = std::string("cannot open snapshot: ") + std::strerror(errno);
    return false;
  }
  Db db = open_in_memory(bytes);
  if (!db) {
    error.message = "cannot open snapshot: out of memory";
    return false;
  }
  int version = -1;
  {
    Stmt s(db.get(), "PRAGMA user_version");
    int step = s.ok() ? s.step() : sqlite3_errcode(db.get());
    if (step != SQLITE_ROW) {
      int code = sqlite3_errcode(db.get()) & 0xff;
      error.message = code == SQLITE_NOTADB ? "not a migsim snapshot: not an SQLite file"
                      : code == SQLITE_CORRUPT
                          ? "corrupt snapshot (truncated or damaged SQLite file)"
                          : std::string("cannot read snapshot: ") + sqlite3_errmsg(db.get());
      return false;
    }
    version = static_cast<int>(s.i64(0));
  }
  if (version == 0) {
    error.message = "not a migsim snapshot (an SQLite file without a snapshot format version)";
    return false;
  }
  if (version > kSnapshotFormat) {
    std::string needs;
    Stmt s(db.get(), "SELECT migsim_version FROM metadata");
    if (s.ok() && s.step() == SQLITE_ROW) needs = s.text(0);
    error.message = "snapshot format " + std::to_string(version) + " is newer than this migsim (" +
                    MIGSIM_VERSION + ") reads (format " + std::to_string(kSnapshotFormat) +
                    "); it needs a migsim that reads format " + std::to_string(version) +
                    (needs.empty() ? std::string() : " (it was written by migsim " + needs + ")");
    return false;
  }
  std::string e = read_snapshot_db(
      db.get(), [&] { return open_in_memory(bytes); }, catalog, snap);
  if (!e.empty()) {
    error.message = "corrupt snapshot: " + e;
    return false;
  }
  return true;
}

}  // namespace migsim
