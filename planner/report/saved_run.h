#pragma once
// Saved runs: the report model and the inputs' identities in one SQLite file
// (docs/saved-run-format.md), rendered again later without the inputs.

#include <string>

#include "parser/source.h"
#include "planner/report/report_model.h"
#include "planner/run/project.h"

namespace migsim {

class OutputFiles;

/// The saved-run format this build writes (`PRAGMA user_version`); it reads
/// this one and format 1 (which kept only the number of silenced findings).
inline constexpr int kSavedRunFormat = 2;

/// `PRAGMA application_id` of a saved run ("MGSR"), so a snapshot or another
/// SQLite file is never taken for one.
inline constexpr int kSavedRunApplicationId = 0x4d475352;

/// The SQLite bytes of a saved run of `model`.
bool saved_run_bytes(const ReportModel& model, std::string& bytes, InputError& error);

/// --save: when `path` is not empty, records the inputs of `project` in
/// `model` and adds the saved run to `outputs`, written with the run's other
/// files, all or none.
bool save_run_if(OutputFiles& outputs, const std::string& path, const Project& project,
                 ReportModel& model, InputError& error);

/// Reads a saved run. False with `error` naming the file on any bad input: not
/// an SQLite file, another kind of SQLite file, a newer format, a damaged file.
bool load_saved_run(const std::string& path, ReportModel& model, InputError& error);

}  // namespace migsim
