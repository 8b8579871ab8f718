#pragma once
// libpq, loaded when a command first talks to a server (snapshot pull). Linked
// into the program, it and the libraries it needs (TLS, Kerberos, LDAP: more
// than twenty) took about 5 ms to load at the start of every run, most of
// what `migsim --version` took.

#include <libpq-fe.h>

#include <string>

namespace migsim {

/// The libpq functions migsim calls.
struct Libpq {
  decltype(&PQconnectdb) connectdb;
  decltype(&PQstatus) status;
  decltype(&PQerrorMessage) error_message;
  decltype(&PQfinish) finish;
  decltype(&PQexec) exec;
  decltype(&PQresultStatus) result_status;
  decltype(&PQntuples) ntuples;
  decltype(&PQnfields) nfields;
  decltype(&PQgetvalue) getvalue;
  decltype(&PQgetlength) getlength;
  decltype(&PQclear) clear;
  decltype(&PQconninfoParse) conninfo_parse;
  decltype(&PQconninfoFree) conninfo_free;
  decltype(&PQfreemem) freemem;
};

/// libpq.so.5, loaded on the first call; nullptr, with the reason in `why`,
/// when it cannot be (not installed, or missing a function).
const Libpq* libpq(std::string& why);

}  // namespace migsim
