-- wrk script: requests rotate over lines of BENCH_ROTATE_FILE ("<token> <path>"),
-- so many users hit the server at once. BENCH_METHOD (GET|PUT|POST) and
-- BENCH_BODY set the request; figures are printed by report.lua's done().
dofile((os.getenv("BENCH_LUA_DIR") or "bench/wrk") .. "/report.lua")

local lines = {}
for line in io.lines(os.getenv("BENCH_ROTATE_FILE")) do
  local token, path = line:match("^(%S+)%s+(%S+)$")
  if token then table.insert(lines, { token = token, path = path }) end
end
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
local i = 0

local base_init = init
function init(args)
  base_init(args)
  i = math.random(#lines)
end

function request()
  i = i % #lines + 1
  local l = lines[i]
  local headers = { ["Authorization"] = "Bearer " .. l.token }
  if body then headers["Content-Type"] = "application/json" end
  return wrk.format(method, l.path, headers, body)
end
