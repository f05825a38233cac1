#include "app/demo_seed.h"

#include "app/score_engine.h"

#include <spdlog/spdlog.h>

#include "app/crypto.h"

namespace luodi {

namespace {

struct DemoPerson {
  const char* no;
  const char* name;
  const char* gender;
  const char* dept;
  const char* position;
  const char* login;  // nullptr: login = employee_no
  std::vector<RoleGrant> roles;
};

const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
                           "胡", "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯"};
const char* kGiven[] = {"芳", "娜", "秀英", "敏", "静怡", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛",
                        "明", "超", "秀兰", "霞", "平", "刚", "桂英", "文博", "子涵", "雨桐", "浩然", "欣怡",
                        "宇航", "思远", "佳琪", "俊杰", "晓东", "建华", "海燕", "志明", "春梅", "国庆"};

}  // namespace

Result<SeedReport> seed_demo(Database& db, const Clock& clock, const std::string& password) {
  SeedReport report;
  bool exists = false;
  Status st = db.read([&](Repo& repo) -> Status {
    exists = repo.tenant_by_code("demo").has_value();
    return ok_status();
  });
  if (!st) return std::move(st).error();
  if (exists) return report;

  const UnixSeconds now = clock.now();
  st = db.write([&](Repo& repo) -> Status {
    if (repo.tenant_by_code("demo")) return ok_status();  // seeded meanwhile
    Tenant t{0, "demo", "示例集团", "Asia/Shanghai"};
    t.id = repo.insert_tenant(t);

    auto add_branch = [&](const char* name, const char* kind) {
      Branch b;
      b.tenant_id = t.id;
      b.name = name;
      b.kind = kind;
      b.created_at = b.updated_at = now;
      b.id = repo.insert_branch(b);
      ++report.branches;
      return b;
    };
    Branch corp = add_branch("示例科技有限公司", "enterprise");
    Branch inst = add_branch("示例市技术研究院", "public_institution");

    std::unordered_map<std::string, Department> depts;
    auto add_dept = [&](const char* name, const Branch& b, const char* parent) {
      Department d;
      d.tenant_id = t.id;
      d.branch_id = b.id;
      d.name = name;
      if (parent) d.parent_id = depts.at(parent).id;
      d.created_at = d.updated_at = now;
      d.id = repo.insert_department(d);
      depts[name] = d;
      ++report.departments;
    };
    add_dept("公司总部", corp, nullptr);
    add_dept("销售部", corp, "公司总部");
    add_dept("销售一部", corp, "销售部");
    add_dept("销售二部", corp, "销售部");
    add_dept("研发部", corp, "公司总部");
    add_dept("人力资源部", corp, "公司总部");
    add_dept("财务部", corp, "公司总部");
    add_dept("院本部", inst, nullptr);
    add_dept("科研处", inst, "院本部");
    add_dept("办公室", inst, "院本部");

    const RoleGrant kEmp{Role::kEmployee, std::nullopt};
    const RoleGrant kMgr{Role::kManager, std::nullopt};
    std::vector<DemoPerson> people = {
        {"E0001", "周志强", "male", "公司总部", "信息主管", "sysadmin", {{Role::kSysAdmin, std::nullopt}, kEmp}},
        {"E0002", "陈静", "female", "人力资源部", "HR经理", "hr", {{Role::kHrAdmin, std::nullopt}, kEmp}},
        {"E0003", "张伟", "male", "销售一部", "销售经理", "manager", {kEmp, kMgr}},
        {"E0004", "刘洋", "male", "研发部", "高级工程师", "instructor", {kEmp, {Role::kInstructor, std::nullopt}}},
        {"E0005", "王小雨", "female", "销售一部", "销售代表", "employee", {kEmp}},
        {"E0006", "赵国华", "male", "公司总部", "总经理", nullptr, {kEmp, kMgr}},
        {"E0007", "钱立新", "male", "销售部", "销售总监", nullptr, {kEmp, kMgr}},
        {"E0008", "孙晓燕", "female", "销售二部", "销售经理", nullptr, {kEmp, kMgr}},
        {"E0009", "吴建军", "male", "研发部", "研发总监", nullptr, {kEmp, kMgr}},
        {"E0010", "郑丽华", "female", "人力资源部", "人力资源总监", nullptr, {kEmp, kMgr}},
        {"E0011", "冯志刚", "male", "财务部", "财务经理", nullptr, {kEmp, kMgr}},
        {"E0012", "何文清", "male", "院本部", "院长", nullptr, {kEmp, kMgr}},
        {"E0013", "罗海燕", "female", "科研处", "处长", nullptr, {kEmp, kMgr}},
        {"E0014", "孙丽", "female", "办公室", "人事专员", "hr2", {{Role::kHrAdmin, inst.id}, kEmp}},
        {"E0015", "梁国庆", "male", "办公室", "办公室主任", nullptr, {kEmp, kMgr}},
    };
    const std::unordered_map<std::string, std::string> managers = {
        {"公司总部", "E0006"}, {"销售部", "E0007"}, {"销售一部", "E0003"}, {"销售二部", "E0008"},
        {"研发部", "E0009"},   {"人力资源部", "E0010"}, {"财务部", "E0011"}, {"院本部", "E0012"},
        {"科研处", "E0013"},   {"办公室", "E0015"}};
    // The rest: spread over the departments, names from common surnames and given names.
    const char* spread[] = {"销售一部", "销售一部", "销售二部", "销售二部", "研发部", "研发部", "研发部",
                            "人力资源部", "财务部", "科研处", "科研处", "办公室", "销售部"};
    const char* positions[] = {"销售代表", "销售代表", "客户经理", "客户经理", "软件工程师", "测试工程师", "产品经理",
                               "招聘专员", "会计", "研究员", "助理研究员", "行政专员", "销售助理"};
    std::vector<std::string> generated_names;
    for (int i = 16; i <= 60; ++i) {
      size_t k = static_cast<size_t>(i - 16);
      std::string name = std::string(kSurnames[(k * 7) % std::size(kSurnames)]) + kGiven[(k * 11 + 3) % std::size(kGiven)];
      generated_names.push_back(name);
    }
    std::vector<std::string> numbers;
    for (int i = 16; i <= 60; ++i) {
      char no[8];
      std::snprintf(no, sizeof no, "E%04d", i);
      numbers.push_back(no);
    }
    for (size_t k = 0; k < numbers.size(); ++k) {
      size_t slot = k % std::size(spread);
      people.push_back(DemoPerson{numbers[k].c_str(), generated_names[k].c_str(), (k % 3 == 0) ? "male" : "female",
                                  spread[slot], positions[slot], nullptr, {kEmp}});
    }

    std::unordered_map<std::string, Id> ids;
    int n = 0;
    for (const auto& person : people) {
      const Department& d = depts.at(person.dept);
      Employee e;
      e.tenant_id = t.id;
      e.employee_no = person.no;
      e.name = person.name;
      e.gender = person.gender;
      e.phone = "138" + std::string(person.no + 1) + std::to_string(1000 + n).substr(0, 4);
      e.email = std::string(person.login ? person.login : person.no) + "@demo.luodi.local";
      int year = 2008 + (n * 7) % 17, month = 1 + (n * 5) % 12, day = 1 + (n * 13) % 28;
      char date[16];
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
      e.hire_date = date;
      e.branch_id = d.branch_id;
      e.department_id = d.id;
      e.position = person.position;
      e.job_level = (n < 15) ? "M" + std::to_string(2 + n % 3) : "P" + std::to_string(3 + n % 5);
      e.employment_type = (n % 17 == 16) ? "contract" : "full_time";
      if (d.branch_id == inst.id) {
        e.title_series = (n % 2) ? "工程技术" : "自然科学研究";
        e.title_level = (n % 3 == 0) ? "高级" : (n % 3 == 1 ? "中级" : "初级");
      }
      e.created_at = e.updated_at = now;
      e.id = repo.insert_employee(e);
      ids[person.no] = e.id;
      ++report.employees;

      User u;
      u.tenant_id = t.id;
      u.login = person.login ? person.login : person.no;
      u.name = person.name;
      u.employee_id = e.id;
      u.password_hash = hash_password(password);
      u.roles = person.roles;
      u.id = repo.insert_user(u);
      ++report.users;
      ++n;
    }
    // Heads of departments, and everyone's direct manager.
    for (auto& [name, d] : depts) {
      d.manager_id = ids.at(managers.at(name));
      repo.update_department(d);
    }
    for (const auto& person : people) {
      const Department& d = depts.at(person.dept);
      auto e = repo.employee(t.id, ids.at(person.no));
      Id head = *d.manager_id;
      if (head == e->id && d.parent_id) {
        for (const auto& [pname, pd] : depts)
          if (pd.id == *d.parent_id) head = *pd.manager_id;
      }
      if (head != e->id) {
        e->manager_id = head;
        repo.update_employee(*e);
      }
    }
    // This quarter's performance cycle for the sales departments (the article's weights),
    // with business KPIs entered, so 我的绩效 and the console have something to show.
    {
      const std::string today = local_date(now);
      const int y = std::stoi(today.substr(0, 4)), q0 = (std::stoi(today.substr(5, 2)) - 1) / 3 * 3 + 1;
      static const char* kLastDay[] = {"", "03-31", "", "", "06-30", "", "", "09-30", "", "", "12-31"};
      char start[16];
      std::snprintf(start, sizeof start, "%04d-%02d-01", y, q0);
      PerformanceCycle c;
      c.tenant_id = t.id;
      c.branch_id = corp.id;
      c.name = std::to_string(y) + "年第" + std::to_string((q0 + 2) / 3) + "季度绩效考核";
      c.period = "quarter";
      c.start_date = start;
      c.end_date = std::to_string(y) + "-" + kLastDay[q0];
      c.created_at = now;
      c.id = repo.insert_cycle(c);
      PerformanceTemplate tmpl;
      tmpl.tenant_id = t.id;
      tmpl.cycle_id = c.id;
      tmpl.name = "销售序列";
      tmpl.population_json = nlohmann::json{{"departments", {depts.at("销售部").id}}, {"job_levels", nlohmann::json::array()},
                                            {"min_tenure_years", 0}}
                                 .dump();
      tmpl.indicators_json = R"([{"kind":"manual","name":"业务KPI","weight":85},)"
                             R"({"kind":"training_participation","name":"培训参与","weight":10},)"
                             R"({"kind":"assignment_quality","name":"作业质量","weight":5}])";
      tmpl.created_at = now;
      tmpl.id = repo.insert_template(tmpl);
      int k = 0;
      for (const auto& person : people)
        if (std::string(person.dept).rfind("销售", 0) == 0)
          repo.put_manual_value(t.id, c.id, ids.at(person.no), "业务KPI", 72 + (k++ * 7) % 24, 0, now);
      recompute_cycle(repo, c, now, false);
    }
    report.created = true;
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return report;
}

}  // namespace luodi
