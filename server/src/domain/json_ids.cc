#include "domain/json_ids.h"

#include <nlohmann/json.hpp>

namespace luodi {

bool is_json_id(const nlohmann::json& v) {
  // Integers above INT64_MAX arrive unsigned and read back negative here.
  return v.is_number_integer() && v.get<std::int64_t>() > 0;
}

void add_id_type_error(const std::string& field, const nlohmann::json& v, FieldErrors& errs) {
  const char* zh = "其他类型";
  const char* en = "something else";
  if (v.is_string()) zh = "文本", en = "a string";
  else if (v.is_number_float()) zh = "小数", en = "a fractional number";
  else if (v.is_number()) zh = "非正整数", en = "a number below 1";
  else if (v.is_boolean()) zh = "布尔值", en = "a boolean";
  else if (v.is_array()) zh = "数组", en = "an array";
  else if (v.is_object()) zh = "对象", en = "an object";
  else if (v.is_null()) zh = "null", en = "null";
  errs.add(field, std::string("应为正整数ID（收到的是") + zh + "）",
           field + " must be a positive integer id (got " + en + ")");
}

std::optional<Id> read_required_id(const nlohmann::json& body, const std::string& field, FieldErrors& errs) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    errs.add(field, "必填", field + " is required");
    return std::nullopt;
  }
  if (!is_json_id(*it)) {
    add_id_type_error(field, *it, errs);
    return std::nullopt;
  }
  return it->get<Id>();
}

}  // namespace luodi
