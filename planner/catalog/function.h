#pragma once

#include <string>
#include <vector>

namespace migsim {

/// A function or procedure (pg_proc row), identified by name and input argument types.
struct Function {
  std::string schema;
  std::string name;
  std::vector<std::string> arg_types;  ///< input argument types, Column::type form
  std::string arguments;               ///< full argument list text as pg_get_function_arguments
  std::string result;                  ///< result type text; empty for a procedure
  char kind = 'f';                     ///< f function, p procedure, a aggregate, w window
  std::string language;
  std::string body;
  std::string volatility = "v";
  std::string extension;  ///< the extension that owns it, if any
  std::string owner;
  std::string comment;
  std::vector<std::string> arg_names;  ///< names of the input arguments ("" when unnamed)
  int arg_defaults = 0;                ///< how many input arguments have defaults
  std::vector<std::string> acl;        ///< aclitems "grantee=X/grantor"; empty: the default

  /// "name(type, type)" as PostgreSQL prints a signature.
  std::string signature() const;
};

struct Extension {
  std::string name;
  std::string schema;
  std::string version;
  std::string comment;
};

}  // namespace migsim
