#include "domain/exam_rules.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/encoding.h"
#include "core/unicode.h"

namespace luodi {

using Json = nlohmann::json;

namespace {
std::string lower_ascii(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}
bool has_key(const Question& q, const std::string& k) {
  return std::any_of(q.options.begin(), q.options.end(), [&](const QuestionOption& o) { return o.key == k; });
}
}  // namespace

void apply_question_json(const Json& body, bool creating, Question& q, FieldErrors& errs) {
  if (auto it = body.find("kind"); it != body.end()) {
    static const std::set<std::string> kinds = {"single", "multiple", "true_false", "fill_blank", "short_answer"};
    if (!it->is_string() || !kinds.count(it->get<std::string>()))
      errs.add("kind", "题型应为 single、multiple、true_false、fill_blank 或 short_answer",
               "kind must be single, multiple, true_false, fill_blank or short_answer");
    else q.kind = it->get<std::string>();
  } else if (creating) {
    errs.add("kind", "请选择题型", "kind is required");
  }
  if (auto it = body.find("stem"); it != body.end()) {
    if (!it->is_string() || trim(it->get<std::string>()).empty() || utf8_length(it->get<std::string>()) > 5000)
      errs.add("stem", "题干不能为空，最长5000字", "stem is required (max 5000 characters)");
    else if (check_text_chars("stem", it->get_ref<const std::string&>(), TextKind::kMultiLine, errs)) q.stem = trim(it->get<std::string>());
  } else if (creating) {
    errs.add("stem", "题干不能为空", "stem is required");
  }
  if (auto it = body.find("options"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) errs.add("options", "选项应为数组", "options must be an array");
    else {
      std::vector<QuestionOption> opts;
      std::set<std::string> keys;
      for (const auto& o : *it) {
        if (!o.is_object() || !o.contains("key") || !o["key"].is_string() || !o.contains("text") || !o["text"].is_string() ||
            trim(o["key"].get<std::string>()).empty()) {
          errs.add("options", "每个选项需要 key 和 text", "each option needs a key and a text");
          break;
        }
        std::string k = trim(o["key"].get<std::string>());
        if (!keys.insert(k).second) {
          errs.add("options", "选项标识重复: " + k, "duplicate option key: " + k);
          break;
        }
        if (!check_text_chars("options", k + o["text"].get<std::string>(), TextKind::kSingleLine, errs)) break;
        opts.push_back(QuestionOption{k, trim(o["text"].get<std::string>())});
      }
      q.options = std::move(opts);
    }
  }
  if (auto it = body.find("points"); it != body.end() && !it->is_null()) {
    if (!it->is_number() || it->get<double>() <= 0 || it->get<double>() > 100)
      errs.add("points", "分值应大于0且不超过100", "points must be greater than 0 and at most 100");
    else q.points = it->get<double>();
  }
  if (auto it = body.find("tags"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) errs.add("tags", "应为文本数组", "tags must be an array of strings");
    else {
      q.tags.clear();
      for (const auto& t : *it)
        if (t.is_string()) q.tags.push_back(t.get<std::string>());
    }
  }
  if (auto it = body.find("course_id"); it != body.end()) {
    if (it->is_null()) q.course_id.reset();
    else if (!it->is_number_integer() || it->get<Id>() <= 0) errs.add("course_id", "课程ID无效", "course_id must be an id");
    else q.course_id = it->get<Id>();
  }
  if (auto it = body.find("answer"); it != body.end()) q.answer = *it;
  else if (creating && q.kind != "short_answer") errs.add("answer", "请设置标准答案", "answer is required");
  if (!errs.empty()) return;

  // Cross-field rules by kind.
  const Json& a = q.answer;
  if (q.kind == "single" || q.kind == "multiple") {
    if (q.options.size() < 2) errs.add("options", "选择题至少需要两个选项", "a choice question needs at least two options");
    else if (q.kind == "single" && !(a.is_string() && has_key(q, a.get<std::string>())))
      errs.add("answer", "答案应为某个选项的标识", "answer must be one of the option keys");
    else if (q.kind == "multiple") {
      bool ok = a.is_array() && !a.empty();
      if (ok)
        for (const auto& k : a) ok = ok && k.is_string() && has_key(q, k.get<std::string>());
      if (!ok) errs.add("answer", "答案应为若干选项标识的数组", "answer must be an array of option keys");
    }
  } else if (q.kind == "true_false") {
    if (!a.is_boolean()) errs.add("answer", "判断题答案应为 true 或 false", "answer must be true or false");
    q.options.clear();
  } else if (q.kind == "fill_blank") {
    bool ok = a.is_array() && !a.empty();
    if (ok)
      for (const auto& b : a) ok = ok && b.is_string() && !trim(b.get<std::string>()).empty();
    if (!ok) errs.add("answer", "填空题答案应为每个空的答案数组（可用 | 分隔多个可接受答案）",
                      "answer must be an array with one entry per blank (alternatives separated by |)");
    q.options.clear();
  } else if (q.kind == "short_answer") {
    if (!a.is_null() && !a.is_string()) errs.add("answer", "简答题参考答案应为文本", "answer must be a reference text or null");
    q.options.clear();
  }
}

std::optional<double> grade_answer(const Question& q, const Json& answer) {
  const Json& key = q.answer;
  if (q.kind == "short_answer") return std::nullopt;
  bool right = false;
  if (q.kind == "single") {
    right = answer.is_string() && key.is_string() && answer.get<std::string>() == key.get<std::string>();
  } else if (q.kind == "multiple") {
    if (answer.is_array() && key.is_array()) {
      std::set<std::string> given, want;
      bool ok = true;
      for (const auto& a : answer) {
        if (!a.is_string()) ok = false;
        else given.insert(a.get<std::string>());
      }
      for (const auto& k : key) want.insert(k.get<std::string>());
      right = ok && given == want;
    }
  } else if (q.kind == "true_false") {
    right = answer.is_boolean() && key.is_boolean() && answer.get<bool>() == key.get<bool>();
  } else if (q.kind == "fill_blank") {
    if (answer.is_array() && key.is_array() && answer.size() == key.size()) {
      right = true;
      for (size_t i = 0; i < key.size() && right; ++i) {
        if (!answer[i].is_string()) {
          right = false;
          break;
        }
        const std::string given = lower_ascii(trim(answer[i].get<std::string>()));
        bool any = false;
        std::string alts = key[i].get<std::string>();
        size_t start = 0;
        while (start <= alts.size()) {
          size_t bar = alts.find('|', start);
          if (bar == std::string::npos) bar = alts.size();
          if (lower_ascii(trim(alts.substr(start, bar - start))) == given && !given.empty()) any = true;
          start = bar + 1;
        }
        right = any;
      }
    }
  }
  return right ? q.points : 0.0;
}

Grading grade_attempt(const std::vector<Question>& questions, const Json& answers) {
  Grading g;
  for (const auto& q : questions) {
    g.total_points += q.points;
    const std::string key = std::to_string(q.id);
    const Json answer = answers.is_object() && answers.contains(key) ? answers[key] : Json();
    auto points = grade_answer(q, answer);
    if (!points) {
      g.needs_manual = true;
      continue;
    }
    g.awarded[key] = *points;
    g.objective_points += *points;
  }
  return g;
}

double percent(double points, double total) {
  if (total <= 0) return 0;
  return std::round(points / total * 1000.0) / 10.0;
}

UnixSeconds attempt_deadline(UnixSeconds started, int time_limit_minutes, std::optional<UnixSeconds> closes_at) {
  UnixSeconds d = started + static_cast<UnixSeconds>(time_limit_minutes) * 60;
  if (closes_at && *closes_at < d) d = *closes_at;
  return d;
}

Json question_json(const Question& q, bool with_answer) {
  Json opts = Json::array();
  for (const auto& o : q.options) opts.push_back(Json{{"key", o.key}, {"text", o.text}});
  Json j{{"id", q.id},         {"kind", q.kind},          {"stem", q.stem}, {"options", opts},
         {"points", q.points}, {"blanks", blank_count(q)}, {"tags", q.tags},
         {"course_id", q.course_id ? Json(*q.course_id) : Json(nullptr)}};
  if (with_answer) j["answer"] = q.answer;
  return j;
}

Question question_from_json(const Json& j) {
  Question q;
  q.id = j.value("id", Id{0});
  q.kind = j.value("kind", "");
  q.stem = j.value("stem", "");
  if (j.contains("options") && j["options"].is_array())
    for (const auto& o : j["options"]) q.options.push_back(QuestionOption{o.value("key", ""), o.value("text", "")});
  q.points = j.value("points", 1.0);
  if (j.contains("tags") && j["tags"].is_array())
    for (const auto& t : j["tags"])
      if (t.is_string()) q.tags.push_back(t.get<std::string>());
  if (j.contains("course_id") && j["course_id"].is_number_integer()) q.course_id = j["course_id"].get<Id>();
  if (j.contains("answer")) q.answer = j["answer"];
  return q;
}

int blank_count(const Question& q) {
  return q.kind == "fill_blank" && q.answer.is_array() ? static_cast<int>(q.answer.size()) : 0;
}

}  // namespace luodi
