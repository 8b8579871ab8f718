#include "planner/catalog/catalog.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/inlined_vector.h>
#include <absl/container/node_hash_map.h>
#include <absl/hash/hash.h>

#include <algorithm>
#include <utility>

namespace migsim {

Catalog::Catalog() {
  schemas.raw()["public"] =
      Schema{"public",
             "pg_database_owner",
             "standard public schema",
             {"pg_database_owner=UC/pg_database_owner", "=U/pg_database_owner"}};
  settings.raw()["search_path"] = "\"$user\", public";
  settings.raw()["current_user"] = "postgres";
  roles.raw()["postgres"] = "postgres";
  // template1 has plpgsql, so every new database does.
  extensions.raw()["plpgsql"] =
      Extension{"plpgsql", "pg_catalog", "1.0", "PL/pgSQL procedural language"};
}

bool Catalog::role_exists(std::string_view name) const {
  static const char* const kPredefined[] = {"pg_database_owner",     "pg_read_all_data",
                                            "pg_write_all_data",     "pg_monitor",
                                            "pg_read_all_settings",  "pg_read_all_stats",
                                            "pg_stat_scan_tables",   "pg_read_server_files",
                                            "pg_write_server_files", "pg_execute_server_program",
                                            "pg_signal_backend",     "pg_checkpoint"};
  for (const char* p : kPredefined)
    if (name == p) return true;
  return roles.find(std::string(name)) != nullptr;
}

std::string Catalog::key(std::string_view schema, std::string_view name) {
  std::string k;
  k.reserve(schema.size() + name.size() + 1);
  k.append(schema);
  k.push_back('\x1f');
  k.append(name);
  return k;
}

std::string Catalog::function_key(const Function& f) {
  std::string k = key(f.schema, f.name);
  k.push_back('(');
  for (size_t i = 0; i < f.arg_types.size(); ++i) {
    if (i) k.push_back(',');
    k += f.arg_types[i];
  }
  k.push_back(')');
  return k;
}

std::string Catalog::current_user() const {
  const std::string* u = settings.find("current_user");
  return u ? *u : "postgres";
}

namespace {

/// Splits a search_path value into names: unquoted names fold to lower case.
std::vector<std::string> split_path(std::string_view value) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && (value[i] == ' ' || value[i] == ',' || value[i] == '\t')) ++i;
    if (i >= value.size()) break;
    std::string name;
    if (value[i] == '"') {
      ++i;
      while (i < value.size()) {
        if (value[i] == '"') {
          if (i + 1 < value.size() && value[i + 1] == '"') {
            name.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        name.push_back(value[i++]);
      }
    } else {
      while (i < value.size() && value[i] != ',' && value[i] != ' ' && value[i] != '\t') {
        char c = value[i++];
        name.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      }
    }
    out.push_back(std::move(name));
  }
  return out;
}

}  // namespace

std::vector<std::string> Catalog::search_path() const {
  std::vector<std::string> out;
  const std::string* value = settings.find("search_path");
  if (!value) return out;
  for (auto& name : split_path(*value)) {
    if (name == "$user") name = current_user();
    if (name == "pg_catalog" || name == "pg_temp") continue;
    if (schemas.find(name) && std::find(out.begin(), out.end(), name) == out.end())
      out.push_back(name);
  }
  return out;
}

std::string Catalog::creation_schema() const {
  auto path = search_path();
  return path.empty() ? std::string() : path.front();
}

bool Catalog::schema_visible(std::string_view schema) const {
  if (schema == "pg_catalog") return true;
  for (const auto& s : search_path())
    if (s == schema) return true;
  return false;
}

const Relation* Catalog::lookup_relation(std::string_view schema, std::string_view name,
                                         std::string* found_schema) const {
  if (!schema.empty()) {
    if (found_schema) *found_schema = std::string(schema);
    return relation(schema, name);
  }
  for (const auto& s : search_path()) {
    if (const Relation* r = relation(s, name)) {
      if (found_schema) *found_schema = s;
      return r;
    }
  }
  return nullptr;
}

const TypeDef* Catalog::lookup_type(std::string_view schema, std::string_view name,
                                    std::string* found_schema) const {
  if (!schema.empty()) {
    if (found_schema) *found_schema = std::string(schema);
    return type(schema, name);
  }
  for (const auto& s : search_path()) {
    if (const TypeDef* t = type(s, name)) {
      if (found_schema) *found_schema = s;
      return t;
    }
  }
  return nullptr;
}

std::vector<const Relation*> Catalog::relations_in(std::string_view schema) const {
  std::vector<const Relation*> out;
  for (const auto& [k, r] : relations.all())
    if (r.schema == schema) out.push_back(&r);
  std::sort(out.begin(), out.end(),
            [](const Relation* a, const Relation* b) { return a->name < b->name; });
  return out;
}

namespace {
bool has_parent(const Relation* r) {
  return r && (!r->partition_parent.empty() || !r->inherits.empty());
}
}  // namespace

/// Relations by what they point at, kept up to date from the relation map's
/// change list: each relation's entries are dropped and derived again when it
/// may have changed, so every lookup costs the size of its answer.
///
/// An entry is a hash of what the relation points at (kind, schema, name), not
/// the name itself: entering a relation builds no strings. Two names whose
/// hashes meet share a bucket, so a bucket holds a superset of the relations
/// that point at one name, and every lookup checks what it finds.
struct Catalog::RelationIndex {
  enum Kind { kChildren, kIndexes, kReferencers, kReaders, kOwnedSequences, kConstraints };
  /// What a relation points at, as its bucket's hash. A bucket taken whole
  /// (a parent's quoted name) has an empty schema.
  static uint64_t entry(int kind, std::string_view schema, std::string_view name) {
    return absl::HashOf(kind, schema, name);
  }
  /// A relation's entries, each once, sorted; few relations have more than four.
  using Entries = absl::InlinedVector<uint64_t, 4>;
  struct Entered {
    uint64_t print = 0;   ///< fingerprint of the entries (see fingerprint())
    bool parent = false;  ///< has a kChildren entry
    Entries entries;
  };
  /// What each relation key was entered under. Nodes: buckets point at the keys.
  absl::node_hash_map<std::string, Entered> entered;
  /// Relation keys (entered's) by entry, in no order.
  absl::flat_hash_map<uint64_t, std::vector<const std::string*>> buckets;
  /// How many entered relations have a parent (any_inheritance).
  size_t with_parent = 0;

  void add(const std::string& k, const Relation& r) {
    auto it = entered.try_emplace(k).first;
    enter(it->first, it->second, fingerprint(r), r);
  }

  /// Enters `k` (entered's own key) under what `r` points at.
  void enter(const std::string& k, Entered& e, uint64_t print, const Relation& r) {
    e = {print, has_parent(&r), entries(r)};
    for (uint64_t x : e.entries) buckets[x].push_back(&k);
    with_parent += e.parent;
  }

  /// A changed relation: its entries again, unless they are what it was entered
  /// under (most changes, such as a new column, leave them as they were). A
  /// fingerprint of the entries tells that without building them.
  void update(const std::string& k, const Relation* r) {
    if (!r) {
      remove(k);
      return;
    }
    uint64_t print = fingerprint(*r);
    // One lookup for both cases: most keys here are new relations.
    auto [it, is_new] = entered.try_emplace(k);
    if (!is_new) {
      if (it->second.print == print) return;
      remove_entries(it->first, it->second);
    }
    enter(it->first, it->second, print, *r);
  }

  /// Visits what the relation points at, as (kind, schema, name), or
  /// (kind, "", bucket) for a bucket taken whole.
  template <class Visit>
  static void visit_entries(const Relation& r, Visit visit) {
    if (!r.partition_parent.empty()) visit(kChildren, std::string_view(), r.partition_parent);
    for (const auto& p : r.inherits) visit(kChildren, std::string_view(), p);
    if (r.kind == RelKind::kIndex || r.kind == RelKind::kPartitionedIndex)
      visit(kIndexes, r.schema, r.index->table);
    if (r.kind == RelKind::kSequence && !r.sequence->owned_by_table.empty())
      visit(kOwnedSequences, r.schema, r.sequence->owned_by_table);
    for (const auto& c : r.constraints) {
      visit(kConstraints, r.schema, c.name);
      if (c.kind == Constraint::Kind::kForeignKey)
        visit(kReferencers, c.ref_schema.empty() ? r.schema : c.ref_schema, c.ref_table);
    }
    for (const auto& d : r.depends) visit(kReaders, d.schema, d.name);
  }

  /// FNV-1a over the entries, with separators: equal entries, equal prints.
  /// Cheaper than hashing each entry, and most changes leave them alone.
  static uint64_t fingerprint(const Relation& r) {
    uint64_t h = 1469598103934665603ull;
    auto mix = [&](std::string_view s) {
      for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
      h = (h ^ 0x1e) * 1099511628211ull;
    };
    visit_entries(r, [&](int kind, std::string_view schema, std::string_view name) {
      h = (h ^ static_cast<uint64_t>(kind + 1)) * 1099511628211ull;
      mix(schema);
      mix(name);
    });
    return h;
  }

  static Entries entries(const Relation& r) {
    Entries mine;
    visit_entries(r, [&](int kind, std::string_view schema, std::string_view name) {
      mine.push_back(entry(kind, schema, name));
    });
    std::sort(mine.begin(), mine.end());
    mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
    return mine;
  }

  void remove(const std::string& k) {
    auto it = entered.find(k);
    if (it == entered.end()) return;
    remove_entries(it->first, it->second);
    entered.erase(it);
  }

  /// Takes `k` (entered's own key) out of the buckets it was entered under.
  void remove_entries(const std::string& k, const Entered& was) {
    for (uint64_t e : was.entries) {
      auto b = buckets.find(e);
      if (b == buckets.end()) continue;
      auto& keys = b->second;
      auto at = std::find(keys.begin(), keys.end(), &k);
      if (at == keys.end()) continue;
      *at = keys.back();
      keys.pop_back();
      if (keys.empty()) buckets.erase(b);
    }
    with_parent -= was.parent;
  }
};

Catalog::~Catalog() = default;

void Catalog::end_statement() {
  schemas.end_statement();
  relations.end_statement();
  types.end_statement();
  functions.end_statement();
  extensions.end_statement();
  settings.end_statement();
  roles.end_statement();
  role_members.end_statement();
}

const Catalog::RelationIndex& Catalog::relation_index() const {
  if (!relation_index_) relation_index_ = std::make_unique<RelationIndex>();
  RelationIndex& ix = *relation_index_;
  auto changes = relations.take_changes();
  inheritance_scanned_ = 0;
  inheritance_pending_ = false;
  if (changes.all) {
    ix = RelationIndex();
    for (const auto& [k, r] : relations.all()) ix.add(k, r);
    return ix;
  }
  std::sort(changes.keys.begin(), changes.keys.end());
  changes.keys.erase(std::unique(changes.keys.begin(), changes.keys.end()), changes.keys.end());
  for (const auto& k : changes.keys) ix.update(k, relations.find(k));
  return ix;
}

std::vector<const Relation*> Catalog::relations_for(int kind, std::string_view schema,
                                                    std::string_view name) const {
  const RelationIndex& ix = relation_index();
  std::vector<const Relation*> out;
  auto it = ix.buckets.find(RelationIndex::entry(kind, schema, name));
  if (it == ix.buckets.end()) return out;
  std::vector<const std::string*> keys = it->second;
  std::sort(keys.begin(), keys.end(),
            [](const std::string* a, const std::string* b) { return *a < *b; });
  for (const std::string* k : keys)
    if (const Relation* r = relations.find(*k)) out.push_back(r);
  return out;
}

std::vector<const Relation*> Catalog::indexes_of(std::string_view schema,
                                                 std::string_view table) const {
  std::vector<const Relation*> out;
  for (const Relation* r : relations_for(RelationIndex::kIndexes, schema, table))
    if ((r->kind == RelKind::kIndex || r->kind == RelKind::kPartitionedIndex) &&
        r->schema == schema && r->index->table == table)
      out.push_back(r);
  std::sort(out.begin(), out.end(),
            [](const Relation* a, const Relation* b) { return a->name < b->name; });
  return out;
}

std::vector<const Relation*> Catalog::inheritors_of(const std::string& qualified) const {
  return relations_for(RelationIndex::kChildren, std::string_view(), qualified);
}

bool Catalog::any_inheritance() const {
  // Asked before most ALTER TABLE subcommands: answered from the changes since
  // the index was last brought up to date, without bringing it up to date (the
  // other lookups do that, for every change since at once). A relation that
  // has not changed since is as the index has it; one that has is looked at
  // as it is now, once per change (a later change lists it again).
  const std::vector<std::string>* pending = relations.pending_changes();
  if (relation_index_ && pending && inheritance_scanned_ <= pending->size()) {
    for (; inheritance_scanned_ < pending->size(); ++inheritance_scanned_)
      if (has_parent(relations.find((*pending)[inheritance_scanned_]))) inheritance_pending_ = true;
    bool live_parent = false;
    for (const auto& k : relations.live_keys())
      live_parent = live_parent || has_parent(relations.find(k));
    if (!inheritance_pending_ && !live_parent && relation_index_->with_parent == 0) return false;
  }
  return relation_index().with_parent != 0;
}

std::vector<const Relation*> Catalog::fkey_referencers_of(std::string_view schema,
                                                          std::string_view table) const {
  return relations_for(RelationIndex::kReferencers, schema, table);
}

std::vector<const Relation*> Catalog::readers_of(std::string_view schema,
                                                 std::string_view name) const {
  return relations_for(RelationIndex::kReaders, schema, name);
}

std::vector<const Relation*> Catalog::sequences_owned_by(std::string_view schema,
                                                         std::string_view table) const {
  return relations_for(RelationIndex::kOwnedSequences, schema, table);
}

bool Catalog::relation_constraint_named(std::string_view schema, std::string_view name) const {
  for (const Relation* r : relations_for(RelationIndex::kConstraints, schema, name))
    if (r->schema == schema && r->constraint(name)) return true;
  return false;
}

}  // namespace migsim
