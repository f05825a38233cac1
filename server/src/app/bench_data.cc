#include <random>

#include "app/crypto.h"
#include "app/demo_seed.h"

namespace luodi {

Result<SeedReport> seed_bench_data(Database& db, const Clock& clock, const BenchDataOptions& options) {
  SeedReport report;
  if (options.employees < 1 || options.employees > 1000000)
    return Error::validation("employees", "员工数应在1到1000000之间", "employees must be between 1 and 1000000");
  const UnixSeconds now = clock.now();
  const std::string hash = hash_password(options.password);
  Status st = db.write([&](Repo& repo) -> Status {
    if (repo.tenant_by_code("bench")) return ok_status();
    std::mt19937_64 rng(options.seed);
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    static const char* surnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
                                     "胡", "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
                                     "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡"};
    static const char* given[] = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
                                  "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "文", "华", "婷",
                                  "宇", "鑫", "欣怡", "子涵", "浩", "晨", "佳", "俊", "雪", "琳", "博", "颖", "凯"};

    Tenant t{0, "bench", "基准测试集团", "Asia/Shanghai"};
    t.id = repo.insert_tenant(t);
    std::vector<Branch> branches;
    for (auto [name, kind] : {std::pair{"基准科技有限公司", "enterprise"}, std::pair{"基准研究院", "public_institution"}}) {
      Branch b;
      b.tenant_id = t.id;
      b.name = name;
      b.kind = kind;
      b.created_at = b.updated_at = now;
      b.id = repo.insert_branch(b);
      branches.push_back(b);
      ++report.branches;
    }
    // Tree: a root per branch, ten divisions each, leaves under the divisions.
    const int leaves = std::max(2, options.employees / 50);
    std::vector<Department> leaf_depts;
    for (size_t bi = 0; bi < branches.size(); ++bi) {
      Department root;
      root.tenant_id = t.id;
      root.branch_id = branches[bi].id;
      root.name = branches[bi].name + "总部";
      root.created_at = root.updated_at = now;
      root.id = repo.insert_department(root);
      ++report.departments;
      for (int dv = 0; dv < 10; ++dv) {
        Department div = root;
        div.parent_id = root.id;
        div.name = "事业部" + std::to_string(bi + 1) + "-" + std::to_string(dv + 1);
        div.id = repo.insert_department(div);
        ++report.departments;
        for (int lf = 0; lf < leaves / 20 + 1; ++lf) {
          Department leaf = div;
          leaf.parent_id = div.id;
          leaf.name = div.name + "-" + std::to_string(lf + 1) + "组";
          leaf.id = repo.insert_department(leaf);
          leaf_depts.push_back(leaf);
          ++report.departments;
        }
      }
    }
    for (int i = 1; i <= options.employees; ++i) {
      const Department& d = leaf_depts[static_cast<size_t>(i - 1) % leaf_depts.size()];
      Employee e;
      e.tenant_id = t.id;
      char no[16];
      std::snprintf(no, sizeof no, "B%06d", i);
      e.employee_no = no;
      e.name = std::string(surnames[pick(std::size(surnames))]) + given[pick(std::size(given))];
      e.gender = pick(2) ? "male" : "female";
      e.phone = "139" + std::to_string(10000000 + i);
      e.email = std::string(no) + "@bench.luodi.local";
      char date[16];
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2005 + static_cast<int>(pick(20)), 1 + static_cast<int>(pick(12)),
                    1 + static_cast<int>(pick(28)));
      e.hire_date = date;
      e.branch_id = d.branch_id;
      e.department_id = d.id;
      e.position = "职员";
      e.job_level = "P" + std::to_string(1 + pick(8));
      e.employment_type = "full_time";
      e.created_at = e.updated_at = now;
      e.id = repo.insert_employee(e);
      ++report.employees;
      User u;
      u.tenant_id = t.id;
      u.login = no;
      u.name = e.name;
      u.employee_id = e.id;
      u.password_hash = hash;
      u.roles = {RoleGrant{Role::kEmployee, std::nullopt}};
      repo.insert_user(u);
      ++report.users;
    }
    // Trainings: consecutive blocks of 500 employees, wrapping around.
    if (options.enrollments > 0) {
      Course c;
      c.tenant_id = t.id;
      c.title = "基准课程";
      c.category = "professional";
      c.credit_hours = 4;
      c.created_at = c.updated_at = now;
      c.id = repo.insert_course(c);
      const int per_training = std::min(500, options.employees);
      const int trainings = (options.enrollments + per_training - 1) / per_training;
      EmployeeQuery all;
      all.tenant_id = t.id;
      all.limit = options.employees + 10;
      std::vector<Id> ids;
      for (const auto& e : repo.employees(all)) ids.push_back(e.id);
      int made = 0;
      for (int k = 0; k < trainings && made < options.enrollments; ++k) {
        Training tr;
        tr.tenant_id = t.id;
        tr.course_id = c.id;
        tr.title = "基准培训 " + std::to_string(k + 1);
        tr.instructors = {ids[static_cast<size_t>(k) % ids.size()]};
        tr.required = true;
        tr.status = "published";
        tr.published_at = now;
        AssignmentSpec a;
        a.min_chars = 50;
        a.due_at = now + 7 * 86400;
        tr.assignment = a;
        tr.sessions = {TrainingSession{0, 0, now - 7 * 86400, now - 7 * 86400 + 7200, "培训室", "", 2},
                       TrainingSession{0, 0, now - 6 * 86400, now - 6 * 86400 + 7200, "培训室", "", 2}};
        tr.created_at = tr.updated_at = now;
        tr.id = repo.insert_training(tr);
        for (int j = 0; j < per_training && made < options.enrollments; ++j, ++made) {
          Id e = ids[(static_cast<size_t>(k) * per_training + j) % ids.size()];
          repo.insert_enrollment(t.id, Enrollment{tr.id, e, "audience", now, "", "", ""});
          // The first training has everyone's reflection in: a full review queue.
          if (k == 0) {
            Submission sub;
            sub.tenant_id = t.id;
            sub.training_id = tr.id;
            sub.employee_id = e;
            sub.status = "submitted";
            sub.text = "这次培训让我对大客户关系维护有了系统的认识：先理解客户的业务目标，再用长期的信任去经营关系。"
                       "我计划在下个季度把拜访记录和复盘固定下来，每月和团队分享一次案例。";
            sub.submitted_at = now - 3600;
            sub.version = 1;
            sub.created_at = sub.updated_at = now - 3600;
            repo.insert_submission(sub);
          }
        }
      }
    }
    User hr;
    hr.tenant_id = t.id;
    hr.login = "bench_hr";
    hr.name = "基准HR";
    hr.password_hash = hash;
    hr.roles = {RoleGrant{Role::kHrAdmin, std::nullopt}};
    repo.insert_user(hr);
    ++report.users;
    report.created = true;
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return report;
}

}  // namespace luodi
