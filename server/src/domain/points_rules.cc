#include "domain/points_rules.h"

namespace luodi {

using Json = nlohmann::json;

std::vector<PointsAward> awards_for_event(const std::string& kind, const Json& p, const PointsRules& r) {
  std::vector<PointsAward> out;
  auto id = [&](const char* k) -> Id { return p.contains(k) && p[k].is_number_integer() ? p[k].get<Id>() : 0; };
  auto flag = [&](const char* k) { return p.contains(k) && p[k].is_boolean() && p[k].get<bool>(); };
  const Id employee = id("employee_id");
  if (!employee) return out;
  if (kind == "submission.submitted" && !flag("late") && r.on_time_submission > 0 && id("submission_id"))
    out.push_back({employee, "on_time_submission", "submission:" + std::to_string(id("submission_id")), r.on_time_submission,
                   "按时提交心得"});
  else if (kind == "submission.reviewed" && flag("excellent") && r.excellent > 0 && id("submission_id"))
    out.push_back({employee, "excellent", "submission:" + std::to_string(id("submission_id")), r.excellent, "心得被评为优秀"});
  else if (kind == "attendance.recorded" && flag("present") && r.checkin > 0 && id("session_id"))
    out.push_back({employee, "checkin", "session:" + std::to_string(id("session_id")), r.checkin, "培训签到"});
  else if (kind == "exam.graded" && flag("passed") && r.exam_passed > 0 && id("exam_id"))
    out.push_back({employee, "exam_passed", "exam:" + std::to_string(id("exam_id")), r.exam_passed, "考试通过"});
  else if (kind == "submission.liked" && r.like_received > 0 && id("submission_id") && id("liker_id"))
    out.push_back({employee, "like_received",
                   "like:" + std::to_string(id("submission_id")) + ":" + std::to_string(id("liker_id")), r.like_received,
                   "心得获得点赞"});
  return out;
}

Json points_rules_json(const PointsRules& r) {
  return Json{{"on_time_submission", r.on_time_submission}, {"excellent", r.excellent},
              {"checkin", r.checkin},                       {"exam_passed", r.exam_passed},
              {"like_received", r.like_received},           {"like_daily_cap", r.like_daily_cap},
              {"expiry_days", r.expiry_days}};
}

void apply_points_rules_json(const Json& body, PointsRules& r, FieldErrors& errs) {
  const std::pair<const char*, int*> fields[] = {{"on_time_submission", &r.on_time_submission}, {"excellent", &r.excellent},
                                                 {"checkin", &r.checkin},                       {"exam_passed", &r.exam_passed},
                                                 {"like_received", &r.like_received},           {"like_daily_cap", &r.like_daily_cap},
                                                 {"expiry_days", &r.expiry_days}};
  for (const auto& [name, target] : fields) {
    auto it = body.find(name);
    if (it == body.end()) continue;
    const int max = std::string(name) == "expiry_days" ? 3650 : 10000;
    if (!it->is_number_integer() || it->get<long long>() < 0 || it->get<long long>() > max)
      errs.add(name, "应为0到" + std::to_string(max) + "之间的整数", std::string(name) + " must be an integer from 0 to " + std::to_string(max));
    else *target = it->get<int>();
  }
}

}  // namespace luodi
