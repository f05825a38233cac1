// Sample data: the demo organisation for `luodi seed --demo`, and the
// deterministic synthetic organisation for benchmarks (`luodi bench-data`).
#pragma once
#include <cstdint>
#include <string>

#include "app/repository.h"
#include "core/time.h"

namespace luodi {

struct SeedReport {
  bool created = false;  // false: the tenant was already there, nothing changed
  int branches = 0;
  int departments = 0;
  int employees = 0;
  int users = 0;
};

// Seeds tenant 示例集团 (code "demo") with two branches, ten departments,
// sixty employees and logins sysadmin, hr, hr2, manager, instructor,
// employee (and every employee_no), all with `password`. Idempotent.
Result<SeedReport> seed_demo(Database& db, const Clock& clock, const std::string& password);

struct BenchDataOptions {
  int employees = 10000;
  std::uint64_t seed = 42;
  std::string password = "bench1234";
  // Training enrolments to generate: published trainings of 500 people each
  // (two sessions last week, a 50-character reflection due in a week), so
  // every employee is in about enrollments / employees trainings. All 500
  // reflections of the first training are submitted (a full review queue).
  int enrollments = 0;
};

// Seeds tenant "bench" with `employees` people in a department tree (about
// one department per 50 people), login = employee_no (B000001...), plus
// bench_hr (hr_admin). Same seed → same organisation. Idempotent: an
// existing "bench" tenant is left alone. One password hash is shared by all
// generated users to keep generation fast — synthetic data only.
Result<SeedReport> seed_bench_data(Database& db, const Clock& clock, const BenchDataOptions& options);

}  // namespace luodi
