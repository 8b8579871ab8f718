#pragma once
// ACLs as PostgreSQL prints aclitem[]: "grantee=privs/grantor", PUBLIC as an
// empty grantee, '*' after a privilege held WITH GRANT OPTION.

#include <cstdint>
#include <string>
#include <vector>

namespace migsim {

/// Privilege bits in aclitem print order (a r w d D x t X U C T c).
enum AclBit : uint32_t {
  kAclInsert = 1 << 0,
  kAclSelect = 1 << 1,
  kAclUpdate = 1 << 2,
  kAclDelete = 1 << 3,
  kAclTruncate = 1 << 4,
  kAclReferences = 1 << 5,
  kAclTrigger = 1 << 6,
  kAclExecute = 1 << 7,
  kAclUsage = 1 << 8,
  kAclCreate = 1 << 9,
};

constexpr uint32_t kAclAllRelation =
    kAclInsert | kAclSelect | kAclUpdate | kAclDelete | kAclTruncate | kAclReferences | kAclTrigger;
constexpr uint32_t kAclAllSequence = kAclUsage | kAclSelect | kAclUpdate;
constexpr uint32_t kAclAllSchema = kAclUsage | kAclCreate;
constexpr uint32_t kAclAllFunction = kAclExecute;

struct AclItem {
  std::string grantee;  ///< "" for PUBLIC
  std::string grantor;
  uint32_t privs = 0;
  uint32_t grant_options = 0;
};

/// The bit of a privilege keyword ("select", ...), or 0 when unknown.
uint32_t acl_privilege_bit(const std::string& name);

std::vector<AclItem> parse_acl(const std::vector<std::string>& items);
std::vector<std::string> format_acl(const std::vector<AclItem>& acl);

/// acldefault(): what a NULL ACL means for an object owned by `owner`.
/// `all` is the object kind's privileges; functions also grant EXECUTE to PUBLIC.
std::vector<AclItem> default_acl(const std::string& owner, uint32_t all, bool public_execute);

/// aclupdate(): adds (grant) or removes (revoke) privileges of `grantee` given by
/// `grantor`. `grant_option`: with GRANT OPTION / revoke only GRANT OPTION FOR.
void acl_update(std::vector<AclItem>& acl, bool is_grant, const std::string& grantee,
                const std::string& grantor, uint32_t privs, bool grant_option);

}  // namespace migsim
