#pragma once
// Small helpers shared by the files of QueryScope (not part of its interface).

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "parser/node.h"

namespace migsim {
namespace query_detail {

inline bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

/// Columns every heap relation has besides its own (ctid, xmin, ...).
inline bool is_system_column(std::string_view name) {
  return name == "ctid" || name == "xmin" || name == "xmax" || name == "cmin" || name == "cmax" ||
         name == "tableoid";
}

/// Built-in aggregates: a query that calls one is grouped.
inline bool is_aggregate(std::string_view name) {
  static constexpr std::string_view kAggregates[] = {"array_agg",
                                                     "avg",
                                                     "bit_and",
                                                     "bit_or",
                                                     "bit_xor",
                                                     "bool_and",
                                                     "bool_or",
                                                     "count",
                                                     "every",
                                                     "json_agg",
                                                     "json_object_agg",
                                                     "jsonb_agg",
                                                     "jsonb_object_agg",
                                                     "max",
                                                     "min",
                                                     "string_agg",
                                                     "sum",
                                                     "xmlagg",
                                                     "stddev",
                                                     "variance",
                                                     "percentile_cont",
                                                     "percentile_disc",
                                                     "mode",
                                                     "range_agg",
                                                     "range_intersect_agg"};
  return std::find(std::begin(kAggregates), std::end(kAggregates), name) != std::end(kAggregates);
}

inline std::string_view last_name(NodeList names) {
  return names.empty() ? std::string_view() : names.at(names.size() - 1).sval();
}

/// PostgreSQL's FigureColname(): the name of an unnamed output column; empty when not known.
std::string figure_colname(Node expr);

}  // namespace query_detail
}  // namespace migsim
