// Who may act on a training: its HR (tenant-wide HR, or HR of its branch) and
// its instructors. Shared by the training, exam and feedback use cases.
#pragma once
#include <algorithm>

#include "app/principal.h"
#include "core/error.h"
#include "domain/training_model.h"

namespace luodi {

inline bool is_hr_for(const Principal& p, const Training& t) {
  if (p.is_tenant_admin()) return true;
  auto b = p.hr_branch();
  return b && t.branch_id && *t.branch_id == *b;
}

inline bool is_instructor(const Principal& p, const Training& t) {
  return p.employee_id && std::find(t.instructors.begin(), t.instructors.end(), *p.employee_id) != t.instructors.end();
}

// HR-only actions: without an HR role the action is forbidden (403); an HR
// admin of another branch does not see the training at all (404).
inline Status allow_hr(const Principal& p, const Training& t) {
  if (!p.is_admin()) return Error::forbidden();
  if (!is_hr_for(p, t)) return Error::not_found();
  return ok_status();
}

// Staff actions (HR of the training or one of its instructors).
inline Status allow_staff(const Principal& p, const Training& t) {
  if (is_hr_for(p, t) || is_instructor(p, t)) return ok_status();
  if (p.is_admin()) return Error::not_found();
  return Error::forbidden();
}

}  // namespace luodi
