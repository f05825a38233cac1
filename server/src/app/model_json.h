// JSON shapes of the organisation entities (snake_case, RFC 3339 times),
// shared by the HTTP answers and the audit snapshots.
#pragma once
#include <nlohmann/json.hpp>

#include "app/repository.h"
#include "domain/org_model.h"

namespace luodi {

nlohmann::json to_json(const Branch& b);
nlohmann::json to_json(const Department& d);
nlohmann::json to_json(const Employee& e);
nlohmann::json to_json(const AuditEntry& a);
nlohmann::json roles_json(const std::vector<RoleGrant>& roles);

}  // namespace luodi
