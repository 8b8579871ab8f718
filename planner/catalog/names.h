#pragma once
// Identifier quoting lives with the parser; the catalog uses the same rules.

#include "parser/identifiers.h"
