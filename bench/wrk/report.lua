-- wrk script for bench/run: counts non-2xx answers and prints one JSON line.
--
-- Output (last line of wrk's stdout):
--   BENCH_JSON {"scenario":..,"requests":..,"duration_s":..,"rps":..,"latency_ms":{"mean","p50","p90","p99","max"},
--               "non2xx":..,"socket_errors":{"connect","read","write","timeout"}}
-- Environment: BENCH_SCENARIO (label), BENCH_NO_RESPONSE_HOOK=1 to skip the per-response
-- Lua hook (cheaper for wrk; non2xx then comes from wrk's own count of status >= 400).

local threads = {}
local hook = os.getenv("BENCH_NO_RESPONSE_HOOK") ~= "1"

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

if hook then
  function response(status, headers, body)
    if status < 200 or status > 299 then
      non2xx = non2xx + 1
    end
  end
end

local function ms(us)
  return us / 1000.0
end

function done(summary, latency, requests)
  local bad = 0
  if hook then
    for _, t in ipairs(threads) do
      bad = bad + (t:get("non2xx") or 0)
    end
  else
    bad = summary.errors.status
  end
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"scenario":"%s","requests":%d,"duration_s":%.3f,"rps":%.1f,' ..
    '"latency_ms":{"mean":%.3f,"p50":%.3f,"p90":%.3f,"p99":%.3f,"max":%.3f},' ..
    '"non2xx":%d,"non2xx_source":"%s","socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d}}\n',
    os.getenv("BENCH_SCENARIO") or "unnamed", summary.requests, secs, summary.requests / secs,
    ms(latency.mean), ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)), ms(latency.max),
    bad, hook and "response_hook" or "wrk_status_ge_400", e.connect, e.read, e.write, e.timeout))
end
