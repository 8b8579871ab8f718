#include "planner/snapshot/libpq.h"

#include <dlfcn.h>

#include <mutex>

namespace migsim {
namespace {

template <class F>
bool bind(void* lib, const char* name, F& fn, std::string& why) {
  fn = reinterpret_cast<F>(dlsym(lib, name));
  if (!fn) why = std::string("libpq.so.5 has no ") + name;
  return fn != nullptr;
}

}  // namespace

const Libpq* libpq(std::string& why) {
  static Libpq api;
  static const Libpq* loaded = nullptr;
  static std::string failure;
  static std::once_flag once;
  std::call_once(once, [] {
    void* lib = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      const char* e = dlerror();
      failure = std::string("cannot load libpq (PostgreSQL's client library, package libpq5): ") +
                (e ? e : "not found");
      return;
    }
    bool ok = bind(lib, "PQconnectdb", api.connectdb, failure) &&
              bind(lib, "PQstatus", api.status, failure) &&
              bind(lib, "PQerrorMessage", api.error_message, failure) &&
              bind(lib, "PQfinish", api.finish, failure) &&
              bind(lib, "PQexec", api.exec, failure) &&
              bind(lib, "PQresultStatus", api.result_status, failure) &&
              bind(lib, "PQntuples", api.ntuples, failure) &&
              bind(lib, "PQnfields", api.nfields, failure) &&
              bind(lib, "PQgetvalue", api.getvalue, failure) &&
              bind(lib, "PQgetlength", api.getlength, failure) &&
              bind(lib, "PQclear", api.clear, failure) &&
              bind(lib, "PQconninfoParse", api.conninfo_parse, failure) &&
              bind(lib, "PQconninfoFree", api.conninfo_free, failure) &&
              bind(lib, "PQfreemem", api.freemem, failure);
    if (ok) loaded = &api;
  });
  if (!loaded) why = failure;
  return loaded;
}

}  // namespace migsim
