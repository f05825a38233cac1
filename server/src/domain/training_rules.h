// Rules of the training loop that decide what is valid, who is in the
// audience, when things are due and what state a reflection is in. Pure.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "domain/org_tree.h"
#include "domain/training_model.h"

namespace luodi {

// Applies a course JSON body (create: all required fields; patch: present ones).
void apply_course_json(const nlohmann::json& body, bool creating, Course& c, FieldErrors& errs);

// Applies a training JSON body. On create `sessions` is required; on patch a
// present `sessions` list replaces the sessions (entries with "id" keep it).
// Session credit hours left unset become `default_session_hours`.
void apply_training_json(const nlohmann::json& body, bool creating, Training& t, FieldErrors& errs);

// Fills unset session hours: course credit hours shared equally.
void default_session_hours(Training& t, double course_hours, const nlohmann::json& body);

// When the assignment is due: its due_at, else the end of the last session
// plus due_days_after_end (default 3) days. nullopt without an assignment.
std::optional<UnixSeconds> assignment_due_at(const Training& t);

// Active employees matching any part of the audience (departments with or
// without subtree, listed employees, roles, job levels), sorted, unique.
std::vector<Id> resolve_audience(const Audience& a, const std::vector<Employee>& employees, const OrgTree& tree);

// Check-in is open from `before_seconds` before the start to the end.
bool checkin_window_open(const TrainingSession& s, UnixSeconds now, std::int64_t before_seconds = 1800);

// Validates a reflection being saved (or, with `submitting`, handed in)
// against the assignment: no control characters but tabs and line breaks;
// at most 50000 code points; on submit at least `min_chars` visible ones
// (visible_char_count: spaces, line breaks, zero-width and other invisible
// characters do not count).
void check_submission(const AssignmentSpec& spec, const std::string& text, size_t attachments, bool submitting,
                      FieldErrors& errs);

// Sum of a training's session hours (what full attendance earns).
double total_hours(const Training& t);

}  // namespace luodi
