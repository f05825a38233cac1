// JSON shapes of the training loop (answers, audit snapshots, and the JSON
// columns the store keeps for nested values).
#pragma once
#include <nlohmann/json.hpp>

#include "app/training_repository.h"
#include "domain/training_model.h"

namespace luodi {

nlohmann::json to_json(const Course& c);
nlohmann::json to_json(const TrainingSession& s);
nlohmann::json to_json(const Training& t);  // includes assignment.due_at (computed)
nlohmann::json to_json(const Enrollment& e);
nlohmann::json to_json(const Attendance& a);
nlohmann::json to_json(const HoursEntry& h);
nlohmann::json to_json(const OutboxEvent& e);

nlohmann::json audience_json(const Audience& a);
Audience audience_from_json(const nlohmann::json& j);  // trusted input (stored)
nlohmann::json assignment_json(const AssignmentSpec& a);
AssignmentSpec assignment_from_json(const nlohmann::json& j);
nlohmann::json materials_json(const std::vector<Material>& m);
std::vector<Material> materials_from_json(const nlohmann::json& j);
nlohmann::json ids_json(const std::vector<Id>& ids);
std::vector<Id> ids_from_json(const nlohmann::json& j);

}  // namespace luodi
