#include "planner/exec/acl.h"

#include "planner/catalog/names.h"

namespace migsim {

namespace {
constexpr char kLetters[] = "arwdDxtXUC";
constexpr int kBits = 10;

/// An aclitem role name: quoted like an identifier only when needed.
std::string role_text(const std::string& role) {
  if (role.empty()) return role;
  for (char c : role)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return "\"" + role + "\"";
  return role;
}
}  // namespace

uint32_t acl_privilege_bit(const std::string& name) {
  if (name == "insert") return kAclInsert;
  if (name == "select") return kAclSelect;
  if (name == "update") return kAclUpdate;
  if (name == "delete") return kAclDelete;
  if (name == "truncate") return kAclTruncate;
  if (name == "references") return kAclReferences;
  if (name == "trigger") return kAclTrigger;
  if (name == "execute") return kAclExecute;
  if (name == "usage") return kAclUsage;
  if (name == "create") return kAclCreate;
  return 0;
}

std::vector<AclItem> parse_acl(const std::vector<std::string>& items) {
  std::vector<AclItem> out;
  for (const auto& s : items) {
    AclItem a;
    size_t eq = s.find('='), slash = s.rfind('/');
    if (eq == std::string::npos) continue;
    a.grantee = s.substr(0, eq);
    if (a.grantee.size() >= 2 && a.grantee.front() == '"')
      a.grantee = a.grantee.substr(1, a.grantee.size() - 2);
    std::string privs =
        s.substr(eq + 1, slash == std::string::npos ? std::string::npos : slash - eq - 1);
    a.grantor = slash == std::string::npos ? std::string() : s.substr(slash + 1);
    if (a.grantor.size() >= 2 && a.grantor.front() == '"')
      a.grantor = a.grantor.substr(1, a.grantor.size() - 2);
    uint32_t last = 0;
    for (char c : privs) {
      if (c == '*') {
        a.grant_options |= last;
        continue;
      }
      for (int i = 0; i < kBits; ++i)
        if (kLetters[i] == c) last = 1u << i;
      a.privs |= last;
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<std::string> format_acl(const std::vector<AclItem>& acl) {
  std::vector<std::string> out;
  for (const auto& a : acl) {
    std::string s = role_text(a.grantee) + "=";
    for (int i = 0; i < kBits; ++i) {
      if (a.privs & (1u << i)) {
        s += kLetters[i];
        if (a.grant_options & (1u << i)) s += '*';
      }
    }
    s += "/" + role_text(a.grantor);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<AclItem> default_acl(const std::string& owner, uint32_t all, bool public_execute) {
  std::vector<AclItem> out;
  if (public_execute) out.push_back({"", owner, kAclExecute, 0});
  out.push_back({owner, owner, all, 0});
  return out;
}

void acl_update(std::vector<AclItem>& acl, bool is_grant, const std::string& grantee,
                const std::string& grantor, uint32_t privs, bool grant_option) {
  for (size_t i = 0; i < acl.size(); ++i) {
    AclItem& a = acl[i];
    if (a.grantee != grantee || a.grantor != grantor) continue;
    if (is_grant) {
      a.privs |= privs;
      if (grant_option) a.grant_options |= privs;
    } else {
      a.grant_options &= ~privs;
      if (!grant_option) a.privs &= ~privs;
    }
    if (a.privs == 0) acl.erase(acl.begin() + static_cast<std::ptrdiff_t>(i));
    return;
  }
  if (is_grant) acl.push_back({grantee, grantor, privs, grant_option ? privs : 0u});
}

}  // namespace migsim
