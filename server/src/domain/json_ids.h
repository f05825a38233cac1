// Ids in JSON request bodies. A missing id is "required"; a present one of
// the wrong type ("5" as a string, 1.5, true) is a type error naming what
// arrived, so a client learns the body is wrong rather than that something
// does not exist.
#pragma once
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "domain/org_model.h"

namespace luodi {

// True if `v` is a JSON integer > 0.
bool is_json_id(const nlohmann::json& v);

// Adds "<field> must be a positive integer id (got a string)" to `errs`.
void add_id_type_error(const std::string& field, const nlohmann::json& v, FieldErrors& errs);

// The id in body[field]; adds "required" when absent or null, the type
// error when it is not a positive integer.
std::optional<Id> read_required_id(const nlohmann::json& body, const std::string& field, FieldErrors& errs);

}  // namespace luodi
