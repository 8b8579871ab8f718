#pragma once

#include <string>
#include <vector>

namespace migsim {

/// A namespace (pg_namespace row).
struct Schema {
  std::string name;
  std::string owner;
  std::string comment;
  std::vector<std::string> acl;  ///< "grantee=privileges" items
};

}  // namespace migsim
