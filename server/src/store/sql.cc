#include "store/sql.h"

#include <soci/soci.h>

#include <charconv>

namespace luodi::sql {

long long Row::i64(size_t i) const {
  const Value& v = cols_.at(i);
  if (auto p = std::get_if<long long>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<long long>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    long long out = 0;
    std::from_chars(p->data(), p->data() + p->size(), out);
    return out;
  }
  return 0;
}

double Row::f64(size_t i) const {
  const Value& v = cols_.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<long long>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::strtod(p->c_str(), nullptr);
  return 0;
}

std::string Row::str(size_t i) const {
  const Value& v = cols_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<long long>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  return {};
}

namespace {

// Storage that outlives the statement: SOCI binds by reference.
struct Binding {
  long long i = 0;
  double d = 0;
  std::string s;
  soci::indicator ind = soci::i_ok;
};

void bind_all(soci::details::prepare_temp_type& pt, const std::vector<Param>& params, std::vector<Binding>& store) {
  store.resize(params.size());
  for (size_t k = 0; k < params.size(); ++k) {
    const Param& prm = params[k];
    Binding& b = store[k];
    if (auto v = std::get_if<long long>(&prm.value)) {
      b.i = *v;
      pt, soci::use(b.i, prm.name);
    } else if (auto v = std::get_if<double>(&prm.value)) {
      b.d = *v;
      pt, soci::use(b.d, prm.name);
    } else if (auto v = std::get_if<std::string>(&prm.value)) {
      b.s = *v;
      pt, soci::use(b.s, prm.name);
    } else {
      b.ind = soci::i_null;
      pt, soci::use(b.s, b.ind, prm.name);
    }
  }
}

Value read_column(const soci::row& r, size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::monostate{};
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_string:
    case soci::dt_xml:
    case soci::dt_blob:
      return r.get<std::string>(i);
    case soci::dt_double:
      return r.get<double>(i);
    case soci::dt_integer:
      return static_cast<long long>(r.get<int>(i));
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_date: {
      std::tm t = r.get<std::tm>(i);
      char buf[32];
      std::strftime(buf, sizeof buf, "%Y-%m-%d", &t);
      return std::string(buf);
    }
  }
  return std::monostate{};
}

}  // namespace

std::vector<Row> query(soci::session& s, const std::string& text, const std::vector<Param>& params) {
  std::vector<Binding> store;
  soci::row r;
  soci::details::prepare_temp_type pt = (s.prepare << text);
  bind_all(pt, params, store);
  pt, soci::into(r);
  soci::statement st(pt);
  std::vector<Row> out;
  if (st.execute(true)) {
    do {
      std::vector<Value> cols;
      cols.reserve(r.size());
      for (size_t i = 0; i < r.size(); ++i) cols.push_back(read_column(r, i));
      out.emplace_back(std::move(cols));
    } while (st.fetch());
  }
  return out;
}

long long exec(soci::session& s, const std::string& text, const std::vector<Param>& params) {
  std::vector<Binding> store;
  soci::details::prepare_temp_type pt = (s.prepare << text);
  bind_all(pt, params, store);
  soci::statement st(pt);
  st.execute(true);
  return st.get_affected_rows();
}

long long query_i64(soci::session& s, const std::string& text, const std::vector<Param>& params) {
  auto rows = query(s, text, params);
  if (rows.empty() || rows[0].size() == 0) throw soci::soci_error("query returned no rows: " + text);
  return rows[0].i64(0);
}

}  // namespace luodi::sql
