-- wrk script: a mixed BitTorrent HTTP announce load (BEP 3, compact=1, numwant=50) over 1,000
-- torrents whose info-hashes are listed in torrents.txt (40 hex digits a line, made by the
-- benchmark script), with random peer ids, ports, left and events. Replies that carry a
-- "failure reason" are counted apart, so only real answers count as successes.
--   wrk -t2 -c100 -d20s -s announce.lua http://127.0.0.1:PORT/announce
local hashes = {}
for line in io.lines(os.getenv("TORRENTS") or "torrents.txt") do
  hashes[#hashes + 1] = line:gsub("%x%x", function(b) return "%" .. b end)
end

local function random_peer_id()
  local t = {}
  for i = 1, 20 do t[i] = string.format("%%%02X", math.random(0, 255)) end
  return table.concat(t)
end

local events = { "started", "", "", "", "completed", "stopped" }
failures = 0
local threads = {}

function setup(thread)
  thread:set("id", math.random(1, 1e9))
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(os.time() + (id or 0))
end

request = function()
  local left = (math.random(1, 4) == 1) and 0 or math.random(1, 1000000)
  local event = events[math.random(1, #events)]
  local path = wrk.path .. "?info_hash=" .. hashes[math.random(1, #hashes)] ..
    "&peer_id=" .. random_peer_id() .. "&port=" .. math.random(1025, 65000) ..
    "&uploaded=0&downloaded=0&left=" .. left .. "&compact=1&numwant=50" ..
    (event ~= "" and ("&event=" .. event) or "")
  return wrk.format("GET", path)
end

response = function(status, headers, body)
  if status ~= 200 or body:find("failure reason", 1, true) then failures = failures + 1 end
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.status + summary.errors.timeout
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + thread:get("failures") end
  local ok = summary.requests - failed
  io.write(string.format(
    "ok_per_s=%.0f requests_per_s=%.0f p50_ms=%.2f p99_ms=%.2f failure_replies=%d socket_errors=%d\n",
    ok / (summary.duration / 1e6), summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, failed, errors))
end
