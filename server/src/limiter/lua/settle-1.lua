--[[
  An admitted call is over (or a usage figure arrived on its own): the call leaves the in-flight
  count, is given back when Salesforce did not count it, and the usage Salesforce reported becomes
  the org estimate. memory-store.ts runs the same steps.

  The estimate is orgBase + admitted. Salesforce's figure F, carried by the answer to call c,
  includes c and every call of ours it processed before c; the only calls of ours it may lack are
  those in flight when c was admitted and those admitted after c. So
    estimate = F + inFlightBefore(c) + (admitted now - admittedBefore(c) - c's own cost),
  which stays an upper bound for our part whatever order answers arrive in, and never releases a
  call twice (nothing is subtracted when our calls leave the window: only a newer figure lowers it).

  KEYS[1] the window (see admit-1.lua)
  ARGV[1] cost            the call's cost; 0 for a figure not tied to a call (e.g. a /limits read)
  ARGV[2] bucket          the bucket admit returned
  ARGV[3] admittedBefore  from the call's ticket
  ARGV[4] inFlightBefore  from the call's ticket
  ARGV[5] seq             from the call's ticket
  ARGV[6] counted         0 gives the call back (Salesforce did not count it)
  ARGV[7] hasReport       1 when the answer carried usage (or was REQUEST_LIMIT_EXCEEDED)
  ARGV[8] used            org usage reported
  ARGV[9] limit           org limit reported; 0 = unknown (a refusal without a usage header)
  ARGV[10] exhausted      1 when Salesforce refused with REQUEST_LIMIT_EXCEEDED
  ARGV[11] pinnedNow      0 in production (Redis TIME); tests pin the clock with epoch ms
  ARGV[12] probeMs        after REQUEST_LIMIT_EXCEEDED, how long until one call probes again
  ARGV[13] ttlMs          lifetime of a window created here (see admit-1.lua)

  Returns the calls given back
]]
local SLOTS = 1441
local HEADER_BITS = 1280
local IN_FLIGHT = 4
local F_TOTAL, F_ADMITTED, F_BASE, F_LIMIT, F_OBSERVED, F_SEEN = 0, 3, 4, 5, 6, 7
local F_PROBE, F_EXHAUSTED, F_EPISODE, F_INFLIGHT, F_EXPIRES = 8, 9, 11, 12, 16

local K = KEYS[1]
local cost = tonumber(ARGV[1])
local bucket = tonumber(ARGV[2])
local admittedBefore = tonumber(ARGV[3])
local inFlightBefore = tonumber(ARGV[4])
local ticketSeq = tonumber(ARGV[5])
local counted = ARGV[6] == '1'
local hasReport = ARGV[7] == '1'
local used = tonumber(ARGV[8])
local limit = tonumber(ARGV[9])
local refused = ARGV[10] == '1'
local probeMs = tonumber(ARGV[12])

local now = tonumber(ARGV[11])
if now <= 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local ops = {}
local function set(field, value)
  ops[#ops + 1] = 'SET'; ops[#ops + 1] = 'i64'; ops[#ops + 1] = '#' .. field; ops[#ops + 1] = value
end

if redis.call('EXISTS', K) == 0 then
  -- the window expired (idle past its TTL): its calls are gone; keep only what Salesforce said
  if not hasReport or limit <= 0 then return 0 end
  local figure = used
  if refused then figure = math.max(used, limit) end
  set(F_LIMIT, limit); set(F_OBSERVED, used); set(F_SEEN, now); set(F_BASE, figure)
  if refused then set(F_EXHAUSTED, 1); set(F_PROBE, now + probeMs) end
  set(F_EXPIRES, now + tonumber(ARGV[13]))
  redis.call('SET', K, string.rep('\0', HEADER_BITS / 8 + SLOTS * 4)) -- whole at once, as admit does
  redis.call('BITFIELD', K, unpack(ops))
  redis.call('PEXPIRE', K, tonumber(ARGV[13]))
  return 0
end

local h = redis.call('BITFIELD', K, 'GET', 'i64', '#0', 'GET', 'i64', '#1', 'GET', 'i64', '#3', 'GET', 'i64', '#5',
  'GET', 'i64', '#9', 'GET', 'i64', '#10', 'GET', 'i64', '#11',
  'GET', 'i64', '#12', 'GET', 'i64', '#13', 'GET', 'i64', '#14', 'GET', 'i64', '#15')
local total, last, admitted, orgLimit, exhausted, seq, episodeSeq = h[1], h[2], h[3], h[4], h[5], h[6], h[7]
local inFlight = { h[8], h[9], h[10], h[11] }

local back = 0
local stale = false
if cost > 0 then
  if bucket <= last and bucket > last - IN_FLIGHT then
    local slot = bucket % IN_FLIGHT
    set(F_INFLIGHT + slot, math.max(0, inFlight[slot + 1] - cost))
  end
  if not counted and bucket <= last and bucket > last - SLOTS then
    local offset = HEADER_BITS + 32 * (bucket % SLOTS)
    local inBucket = redis.call('BITFIELD', K, 'GET', 'u32', offset)[1]
    back = math.min(cost, inBucket, total)
    if back > 0 then
      ops[#ops + 1] = 'INCRBY'; ops[#ops + 1] = 'u32'; ops[#ops + 1] = offset; ops[#ops + 1] = -back
      total = total - back
      admitted = admitted - back
      set(F_TOTAL, total); set(F_ADMITTED, admitted)
    end
  end
  -- admitted before the current REQUEST_LIMIT_EXCEEDED was recorded: its answer is older news
  stale = ticketSeq <= episodeSeq
else
  -- a figure on its own may lack every call of ours now in flight
  inFlightBefore = inFlight[1] + inFlight[2] + inFlight[3] + inFlight[4]
  admittedBefore = admitted
end

if hasReport and not (exhausted == 1 and stale) then
  if limit > 0 then
    local figure = used
    if refused then figure = math.max(used, limit) end
    set(F_BASE, figure + inFlightBefore - admittedBefore - (cost - back))
    set(F_LIMIT, limit); set(F_OBSERVED, used); set(F_SEEN, now)
  elseif refused and orgLimit > 0 then
    set(F_BASE, orgLimit - admitted); set(F_SEEN, now)
  end
  if refused then
    -- refuse until the probe time; then one call probes, and only its answer can reopen the org
    set(F_EXHAUSTED, 1); set(F_PROBE, now + probeMs); set(F_EPISODE, seq)
  else
    set(F_EXHAUSTED, 0); set(F_PROBE, 0)
  end
end

if #ops > 0 then redis.call('BITFIELD', K, unpack(ops)) end
return back
