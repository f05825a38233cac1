// Badges and notifications: rule-based badges awarded once, and the
// notifications other use cases send. Used inside write transactions.
#pragma once
#include <string>
#include <vector>

#include "app/repository.h"

namespace luodi {

struct BadgeDef {
  const char* code;
  const char* name;
  const char* name_en;
  const char* description;
  const char* description_en;
};
const std::vector<BadgeDef>& badge_definitions();

// Sends a notification once per (employee, kind, source_key).
void notify(Repo& repo, Id tenant, Id employee, const std::string& kind, const std::string& title, const std::string& title_en,
            const std::string& body, const std::string& link, const std::string& source_key, UnixSeconds at);

// Awards the count-based badges the employee has earned and not yet got (with a notification each).
void check_badges(Repo& repo, Id tenant, Id employee, UnixSeconds at);

// At a quarter cycle's close: 全季准时 for everyone with at least one required reflection, all on time.
void award_quarter_badges(Repo& repo, const PerformanceCycle& c, UnixSeconds at);

}  // namespace luodi
