#include "app/org_service.h"

#include <nlohmann/json.hpp>

#include "app/access.h"
#include "app/audit_service.h"
#include "app/model_json.h"
#include "core/encoding.h"
#include "core/time.h"
#include "core/unicode.h"
#include "domain/org_tree.h"
#include "domain/json_ids.h"

namespace luodi {

using Json = nlohmann::json;

bool plausible_time_zone(const std::string& tz) {
  if (tz.empty() || tz.size() > 64) return false;
  if (tz == "UTC") return true;
  bool slash = false;
  for (char c : tz) {
    if (c == '/') slash = true;
    else if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '+') return false;
  }
  if (!slash || tz.front() == '/' || tz.back() == '/' || tz.find("//") != std::string::npos) return false;
  return is_known_time_zone(tz);
}

namespace {

// Reads a required/optional trimmed name (1..max chars).
void read_name(const Json& body, bool required, std::string& target, FieldErrors& errs, size_t max = 100) {
  auto it = body.find("name");
  if (it == body.end()) {
    if (required) errs.add("name", "名称不能为空", "name is required");
    return;
  }
  if (!it->is_string()) {
    errs.add("name", "名称应为文本", "name must be a string");
    return;
  }
  std::string v = trim(it->get_ref<const std::string&>());
  if (v.empty()) errs.add("name", "名称不能为空", "name is required");
  else if (!is_valid_utf8(v) || utf8_length(v) > max)
    errs.add("name", "名称最长" + std::to_string(max) + "个字符", "name must be at most " + std::to_string(max) + " characters");
  else if (!check_text_chars("name", v, TextKind::kSingleLine, errs)) return;
  else if (visible_char_count(v) == 0) errs.add("name", "名称不能为空", "name is required");
  else target = v;
}

// Reads an id field: absent → untouched; null → cleared if nullable.
void read_id(const Json& body, const char* field, bool nullable, std::optional<Id>& target, FieldErrors& errs) {
  auto it = body.find(field);
  if (it == body.end()) return;
  if (it->is_null() && nullable) {
    target.reset();
    return;
  }
  if (!is_json_id(*it)) {
    add_id_type_error(field, *it, errs);
    return;
  }
  target = it->get<Id>();
}

Status require_object(const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  return ok_status();
}

}  // namespace

// ---------------------------------------------------------------- branches

Result<Page<Branch>> OrgService::list_branches(const Principal& p, const BranchFilter& f, PageRequest page) {
  Page<Branch> out;
  Status st = db_.read([&](Repo& repo) -> Status {
    out.items = repo.branches(p.tenant_id, p.hr_branch(), f.kind, f.q, page.after_id, page.limit + 1);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  finish_page(out, page.limit, [](const auto& x) { return x.id; });
  return out;
}

Result<Branch> OrgService::get_branch(const Principal& p, Id id) {
  std::optional<Branch> b;
  Status st = db_.read([&](Repo& repo) -> Status {
    b = repo.branch(p.tenant_id, id);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  if (!b || !can_see_branch(p, id)) return Error::not_found();
  return *b;
}

namespace {
void apply_branch_json(const Json& body, bool creating, Branch& b, FieldErrors& errs) {
  read_name(body, creating, b.name, errs);
  if (auto it = body.find("kind"); it != body.end()) {
    if (!it->is_string() || (*it != "enterprise" && *it != "public_institution"))
      errs.add("kind", "类型应为 enterprise(企业) 或 public_institution(事业单位)",
               "kind must be enterprise or public_institution");
    else b.kind = it->get<std::string>();
  } else if (creating) {
    errs.add("kind", "请选择机构类型", "kind is required");
  }
  if (auto it = body.find("time_zone"); it != body.end() && !it->is_null()) {
    if (!it->is_string() || !plausible_time_zone(it->get<std::string>()))
      errs.add("time_zone", "时区应为IANA名称，如 Asia/Shanghai", "time_zone must be an IANA name like Asia/Shanghai");
    else b.time_zone = it->get<std::string>();
  }
}
}  // namespace

Result<Branch> OrgService::create_branch(const Principal& p, const Json& body) {
  if (auto s = require_object(body); !s) return std::move(s).error();
  if (!p.is_tenant_admin()) return Error::forbidden();
  Branch b;
  FieldErrors errs;
  apply_branch_json(body, true, b, errs);
  if (!errs.empty()) return std::move(errs).to_error();
  b.tenant_id = p.tenant_id;
  b.created_at = b.updated_at = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    b.id = repo.insert_branch(b);
    record_audit(repo, p, b.created_at, "create", "branch", b.id, b.id, std::nullopt, to_json(b));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return b;
}

Result<Branch> OrgService::update_branch(const Principal& p, Id id, const Json& body) {
  if (auto s = require_object(body); !s) return std::move(s).error();
  Branch b;
  Status st = db_.write([&](Repo& repo) -> Status {
    auto cur = repo.branch(p.tenant_id, id);
    if (!cur || !can_see_branch(p, id)) return Error::not_found();
    if (!p.is_tenant_admin()) return Error::forbidden();
    b = *cur;
    FieldErrors errs;
    apply_branch_json(body, false, b, errs);
    if (!errs.empty()) return std::move(errs).to_error();
    b.updated_at = clock_.now();
    repo.update_branch(b);
    record_audit(repo, p, b.updated_at, "update", "branch", id, id, to_json(*cur), to_json(b));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return b;
}

Status OrgService::delete_branch(const Principal& p, Id id) {
  return db_.write([&](Repo& repo) -> Status {
    auto cur = repo.branch(p.tenant_id, id);
    if (!cur || !can_see_branch(p, id)) return Error::not_found();
    if (!p.is_tenant_admin()) return Error::forbidden();
    if (repo.count_departments_in_branch(p.tenant_id, id) > 0 || repo.count_employees(p.tenant_id, id, std::nullopt) > 0)
      return Error::conflict("id", "该分支机构下仍有部门或员工，不能删除",
                             "The branch still has departments or employees");
    repo.delete_branch(p.tenant_id, id);
    record_audit(repo, p, clock_.now(), "delete", "branch", id, id, to_json(*cur), std::nullopt);
    return ok_status();
  });
}

// ---------------------------------------------------------------- departments

Result<Page<Department>> OrgService::list_departments(const Principal& p, const DepartmentFilter& f,
                                                      PageRequest page) {
  std::vector<Department> all;
  Status st = db_.read([&](Repo& repo) -> Status {
    all = repo.departments(p.tenant_id, true);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  Page<Department> out;
  std::sort(all.begin(), all.end(), [](const Department& a, const Department& b) { return a.id < b.id; });
  for (auto& d : all) {
    if (d.id <= page.after_id) continue;
    if (!can_see_branch(p, d.branch_id)) continue;
    if (f.branch_id && d.branch_id != *f.branch_id) continue;
    if (f.parent_id && d.parent_id != f.parent_id) continue;
    if (f.roots_only && d.parent_id) continue;
    if (f.q && d.name.find(*f.q) == std::string::npos) continue;
    if (static_cast<int>(out.items.size()) == page.limit) {
      out.next_cursor = std::to_string(out.items.back().id);
      break;
    }
    out.items.push_back(std::move(d));
  }
  return out;
}

Result<Department> OrgService::get_department(const Principal& p, Id id) {
  std::optional<Department> d;
  Status st = db_.read([&](Repo& repo) -> Status {
    d = repo.department(p.tenant_id, id);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  if (!d || !can_see_branch(p, d->branch_id)) return Error::not_found();
  return *d;
}

Result<Json> OrgService::department_tree(const Principal& p, Id id) {
  std::vector<Department> all;
  Status st = db_.read([&](Repo& repo) -> Status {
    all = repo.departments(p.tenant_id, true);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  OrgTree tree(std::move(all));
  const Department* root = tree.find(id);
  if (!root || !can_see_branch(p, root->branch_id)) return Error::not_found();
  // Iterative build guards against deep or cyclic data.
  std::function<Json(const Department&, int)> build = [&](const Department& d, int depth) -> Json {
    Json j = to_json(d);
    j["children"] = Json::array();
    if (depth < 64)
      for (const Department* c : tree.children(d.id)) j["children"].push_back(build(*c, depth + 1));
    return j;
  };
  return build(*root, 0);
}

namespace {
// Checks the links of a department against the stored tree; errors name fields.
void check_department_links(Repo& repo, const Principal& p, const Department& d, FieldErrors& errs) {
  if (d.parent_id) {
    auto parent = repo.department(p.tenant_id, *d.parent_id);
    if (!parent) errs.add("parent_id", "上级部门不存在", "parent department not found");
    else if (parent->branch_id != d.branch_id)
      errs.add("parent_id", "上级部门必须属于同一分支机构", "the parent must be in the same branch");
    else if (d.id) {
      OrgTree tree(repo.departments(p.tenant_id, false));
      if (tree.is_in_subtree(d.id, *d.parent_id))
        errs.add("parent_id", "不能把部门移到它自己或其下级部门之下", "a department cannot be moved under itself or its descendants");
    }
  }
  if (d.manager_id) {
    auto m = repo.employee(p.tenant_id, *d.manager_id);
    if (!m) errs.add("manager_id", "负责人不存在", "manager not found");
  }
}
}  // namespace

Result<Department> OrgService::create_department(const Principal& p, const Json& body) {
  if (auto s = require_object(body); !s) return std::move(s).error();
  if (!p.is_admin()) return Error::forbidden();  // the role before the content
  Department d;
  FieldErrors errs;
  read_name(body, true, d.name, errs);
  std::optional<Id> branch;
  read_id(body, "branch_id", false, branch, errs);
  if (!branch && !body.contains("branch_id")) errs.add("branch_id", "请选择分支机构", "branch_id is required");
  read_id(body, "parent_id", true, d.parent_id, errs);
  read_id(body, "manager_id", true, d.manager_id, errs);
  if (!errs.empty()) return std::move(errs).to_error();
  d.branch_id = *branch;
  d.tenant_id = p.tenant_id;
  d.created_at = d.updated_at = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    if (!repo.branch(p.tenant_id, d.branch_id) || !can_see_branch(p, d.branch_id))
      return Error::validation("branch_id", "分支机构不存在", "branch not found");
    if (!p.is_admin()) return Error::forbidden();
    if (!can_admin_branch(p, d.branch_id)) return Error::forbidden();
    FieldErrors link_errs;
    check_department_links(repo, p, d, link_errs);
    if (!link_errs.empty()) return std::move(link_errs).to_error();
    d.id = repo.insert_department(d);
    record_audit(repo, p, d.created_at, "create", "department", d.id, d.branch_id, std::nullopt, to_json(d));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return get_department(p, d.id);
}

Result<Department> OrgService::update_department(const Principal& p, Id id, const Json& body) {
  if (auto s = require_object(body); !s) return std::move(s).error();
  Status st = db_.write([&](Repo& repo) -> Status {
    auto cur = repo.department(p.tenant_id, id);
    if (!cur || !can_see_branch(p, cur->branch_id)) return Error::not_found();
    if (!can_admin_branch(p, cur->branch_id)) return Error::forbidden();
    Department d = *cur;
    FieldErrors errs;
    read_name(body, false, d.name, errs);
    read_id(body, "parent_id", true, d.parent_id, errs);
    read_id(body, "manager_id", true, d.manager_id, errs);
    if (auto b = body.find("branch_id"); b != body.end() && !is_json_id(*b)) add_id_type_error("branch_id", *b, errs);
    else if (b != body.end() && b->get<Id>() != cur->branch_id)
      errs.add("branch_id", "部门不能跨分支机构移动", "a department cannot move to another branch");
    if (!errs.empty()) return std::move(errs).to_error();
    check_department_links(repo, p, d, errs);
    if (!errs.empty()) return std::move(errs).to_error();
    d.updated_at = clock_.now();
    repo.update_department(d);
    record_audit(repo, p, d.updated_at, "update", "department", id, d.branch_id, to_json(*cur), to_json(d));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return get_department(p, id);
}

Status OrgService::delete_department(const Principal& p, Id id) {
  return db_.write([&](Repo& repo) -> Status {
    auto cur = repo.department(p.tenant_id, id);
    if (!cur || !can_see_branch(p, cur->branch_id)) return Error::not_found();
    if (!can_admin_branch(p, cur->branch_id)) return Error::forbidden();
    OrgTree tree(repo.departments(p.tenant_id, false));
    if (!tree.children(id).empty() || repo.count_employees(p.tenant_id, std::nullopt, id) > 0)
      return Error::conflict("id", "该部门下仍有下级部门或员工，不能删除",
                             "The department still has sub-departments or employees");
    repo.delete_department(p.tenant_id, id);
    record_audit(repo, p, clock_.now(), "delete", "department", id, cur->branch_id, to_json(*cur), std::nullopt);
    return ok_status();
  });
}

}  // namespace luodi
