#include "domain/performance.h"

#include <cmath>
#include <set>

#include "core/encoding.h"
#include "core/unicode.h"

namespace luodi {

namespace {
double round2(double v) { return std::round(v * 100.0) / 100.0; }

double raw_value(const Indicator& ind, const ScoreInput& in) {
  if (ind.kind == "training_participation") {
    int sessions = 0, attended = 0;
    for (const auto& t : in.trainings) {
      sessions += t.sessions;
      attended += std::min(t.attended, t.sessions);
    }
    return sessions ? 100.0 * attended / sessions : 100.0;  // nothing required: nothing missed
  }
  if (ind.kind == "assignment_submission") {
    int due = 0, on_time = 0;
    for (const auto& t : in.trainings)
      if (t.has_assignment) {
        ++due;
        on_time += t.submitted_on_time;
      }
    return due ? 100.0 * on_time / due : 100.0;
  }
  if (ind.kind == "assignment_quality") {
    double sum = 0;
    int n = 0;
    for (const auto& t : in.trainings)
      if (t.review_score) {
        sum += *t.review_score;
        ++n;
      }
    return n ? sum / n : 0.0;
  }
  if (ind.kind == "exam_score") {
    double sum = 0;
    int n = 0;
    for (const auto& t : in.trainings)
      if (t.has_exam && t.best_exam_score) {
        sum += *t.best_exam_score;
        ++n;
      }
    return n ? sum / n : 0.0;
  }
  if (ind.kind == "manual") {
    auto it = in.manual.find(ind.name);
    return it == in.manual.end() ? 0.0 : it->second;
  }
  return 0;
}

double total_of(const ScoreInput& in, std::vector<IndicatorScore>* out) {
  double total = 0;
  for (const auto& ind : in.indicators) {
    double raw = round2(raw_value(ind, in));
    double contribution = round2(raw * ind.weight / 100.0);
    total += contribution;
    if (out) out->push_back(IndicatorScore{ind, raw, contribution});
  }
  return round2(total);
}
}  // namespace

ScoreResult compute_score(const ScoreInput& in) {
  ScoreResult r;
  r.total = total_of(in, &r.indicators);
  // What completing each open requirement would make the total: the same
  // function on the facts with that one requirement done (on time).
  ScoreInput work = in;  // one copy, changed and restored per open requirement
  for (size_t i = 0; i < in.trainings.size(); ++i) {
    const auto& t = in.trainings[i];
    if (t.has_assignment && !t.submitted) {
      const RequiredTraining saved = work.trainings[i];
      work.trainings[i].submitted = work.trainings[i].submitted_on_time = true;
      double s = total_of(work, nullptr);
      work.trainings[i] = saved;
      r.pending.push_back(PendingItem{t.training_id, t.title, "assignment", s, round2(s - r.total)});
    }
    if (t.has_exam && !t.best_exam_score) {
      const RequiredTraining saved = work.trainings[i];
      work.trainings[i].best_exam_score = 100.0;  // the most it can give
      double s = total_of(work, nullptr);
      work.trainings[i] = saved;
      r.pending.push_back(PendingItem{t.training_id, t.title, "exam", s, round2(s - r.total)});
    }
  }
  return r;
}

void check_indicators(const nlohmann::json& body, std::vector<Indicator>& out, FieldErrors& errs) {
  static const std::set<std::string> kinds = {"training_participation", "assignment_submission", "assignment_quality", "exam_score",
                                              "manual"};
  if (!body.is_array() || body.empty() || body.size() > 20) {
    errs.add("indicators", "请设置1到20个考核指标", "indicators must list 1 to 20 indicators");
    return;
  }
  double sum = 0;
  std::set<std::string> names;
  std::vector<Indicator> result;
  for (size_t i = 0; i < body.size(); ++i) {
    const auto& j = body[i];
    const std::string path = "indicators[" + std::to_string(i) + "]";
    if (!j.is_object()) {
      errs.add(path, "应为对象", path + " must be an object");
      continue;
    }
    Indicator ind;
    if (!j.contains("kind") || !j["kind"].is_string() || !kinds.count(j["kind"].get<std::string>())) {
      errs.add(path + ".kind", "未知的指标类型", "kind must be training_participation, assignment_submission, assignment_quality, exam_score or manual");
      continue;
    }
    ind.kind = j["kind"].get<std::string>();
    ind.name = j.contains("name") && j["name"].is_string() ? trim(j["name"].get<std::string>()) : ind.kind;
    if (visible_char_count(ind.name) == 0 || utf8_length(ind.name) > 50) errs.add(path + ".name", "名称为1到50个字", "name must be 1-50 characters");
    else check_text_chars(path + ".name", ind.name, TextKind::kSingleLine, errs);
    if (!names.insert(ind.name).second) errs.add(path + ".name", "指标名称重复", "indicator names must be unique");
    if (!j.contains("weight") || !j["weight"].is_number() || j["weight"].get<double>() <= 0 || j["weight"].get<double>() > 100)
      errs.add(path + ".weight", "权重应在0到100之间", "weight must be greater than 0 and at most 100");
    else ind.weight = j["weight"].get<double>();
    sum += ind.weight;
    result.push_back(ind);
  }
  if (errs.empty() && std::abs(sum - 100.0) > 1e-6)
    errs.add("indicators", "各指标权重之和应为100%，当前为" + std::to_string(static_cast<int>(std::round(sum))) + "%",
             "indicator weights must add up to 100 (now " + std::to_string(sum) + ")");
  if (errs.empty()) out = std::move(result);
}

}  // namespace luodi
