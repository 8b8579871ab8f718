#pragma once
// Builds the report model from a command's runs, once; every writer then
// reads the model alone.

#include <string>
#include <vector>

#include "planner/report/report_model.h"
#include "planner/report/status_report.h"
#include "planner/run/project.h"

namespace migsim {

/// The model of plan, audit, check or explain: `runs` in the order given.
ReportModel build_run_model(const Project& project, const std::vector<EnvironmentRun>& runs,
                            std::string command);

/// The model of the status report: each environment's plan and audit, then
/// the fresh database, with the applied histories, schemas and recommendations.
ReportModel build_status_model(const Project& project, const StatusReport& report);

/// Adds the inputs' identities (paths, sizes and SHA-256 of the migration
/// files, the configuration and the snapshots). False when one cannot be read.
bool add_model_inputs(const Project& project, ReportModel& model, InputError& error);

}  // namespace migsim
