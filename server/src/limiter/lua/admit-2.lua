--[[
  Admit `cost` calls into one org's rolling 24 h window, or refuse them, atomically.
  The clock is Redis TIME (tests may pin it), so every API instance shares one clock.

  KEYS[1] window buckets: a string of 1,441 packed u32 one-minute counters (BITFIELD)
  KEYS[2] window meta hash: total, last (newest bucket seen), oldest (oldest non-empty bucket),
          orgUsed / orgLimit / orgSeenAt (org usage estimate from Sforce-Limit-Info + our admits),
          probeAt (Salesforce said REQUEST_LIMIT_EXCEEDED: refuse until then, then let one call probe)
  ARGV[1] cost            calls this request spends (>= 1)
  ARGV[2] cap             our budget for this priority (calls per 24 h)
  ARGV[3] reservePermille part of the org limit we never take, in 1/1000
  ARGV[4] sharePermille   share of (org limit - reserve) this priority may fill, in 1/1000
  ARGV[5] pinnedNow       0 in production (Redis TIME); tests pin the clock with epoch ms
  ARGV[6] probeMs         after a REQUEST_LIMIT_EXCEEDED, how long until one call may probe again
  ARGV[7] ttlMs           idle keys expire after this

  Returns {allowed (1|0), reason (0 ok | 1 budget | 2 org reserve | 3 org limit), remaining,
           retryAfterMs (-1 = never for this cost), resetAt, used, bucket, now}
]]
local BUCKET_MS = 60000
local WINDOW_MS = 86400000
local SLOTS = 1441

local cost = tonumber(ARGV[1])
local cap = tonumber(ARGV[2])
local reservePermille = tonumber(ARGV[3])
local sharePermille = tonumber(ARGV[4])
local probeMs = tonumber(ARGV[6])
local ttlMs = tonumber(ARGV[7])

-- ARGV[5] > 0 pins the clock (tests only); production passes 0 and Redis TIME rules
local now = tonumber(ARGV[5])
if now <= 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local current = math.floor(now / BUCKET_MS)

local m = redis.call('HMGET', KEYS[2], 'total', 'last', 'oldest', 'orgUsed', 'orgLimit', 'probeAt')
local total = tonumber(m[1]) or 0
local last = tonumber(m[2]) or current
local oldest = tonumber(m[3]) or current
local orgUsed = tonumber(m[4])
local orgLimit = tonumber(m[5])
local probeAt = tonumber(m[6])
if current < last then current = last end -- a clock step back: keep counting in the newest bucket

local function readBuckets(from, to)
  local ops = {}
  for b = from, to do
    ops[#ops + 1] = 'GET'; ops[#ops + 1] = 'u32'; ops[#ops + 1] = '#' .. (b % SLOTS)
  end
  if #ops == 0 then return {} end
  return redis.call('BITFIELD', KEYS[1], unpack(ops))
end

-- Buckets from (last - 1440) to (current - 1441) have left the window since the last call.
local expireFrom = last - SLOTS + 1
local expireTo = current - SLOTS
if expireTo >= expireFrom then
  local released = 0
  if expireTo - expireFrom + 1 >= SLOTS then
    released = total
    redis.call('DEL', KEYS[1])
  else
    local ops = {}
    local values = readBuckets(expireFrom, expireTo)
    for i, v in ipairs(values) do
      if v > 0 then
        released = released + v
        ops[#ops + 1] = 'SET'; ops[#ops + 1] = 'u32'; ops[#ops + 1] = '#' .. ((expireFrom + i - 1) % SLOTS); ops[#ops + 1] = 0
      end
    end
    if #ops > 0 then redis.call('BITFIELD', KEYS[1], unpack(ops)) end
  end
  total = math.max(0, total - released)
  if orgUsed then orgUsed = math.max(0, orgUsed - released) end
end

local liveFrom = current - SLOTS + 1
if oldest < liveFrom then oldest = liveFrom end
if total > 0 and oldest < current and readBuckets(oldest, oldest)[1] == 0 then
  -- move `oldest` forward to the first non-empty bucket (rare: only after buckets expired)
  local values = readBuckets(oldest, current)
  for i, v in ipairs(values) do
    if v > 0 then oldest = oldest + i - 1; break end
  end
end

local orgCap = nil
if orgLimit then
  orgCap = math.floor(math.floor(orgLimit * (1000 - reservePermille) / 1000) * sharePermille / 1000)
end

local reason = 0
if probeAt and now < probeAt then
  reason = 3
elseif total + cost > cap then
  reason = 1
elseif orgCap and orgUsed + cost > orgCap then
  reason = 2
end

local function remainingNow()
  local r = cap - total
  if orgCap then r = math.min(r, orgCap - orgUsed) end
  return math.max(0, r)
end

local function resetAtNow()
  if total == 0 then return now end
  return (oldest + 1) * BUCKET_MS + WINDOW_MS
end

if reason == 0 then
  if probeAt then
    -- the org was exhausted; this call probes Salesforce, and the next probe waits probeMs
    redis.call('HSET', KEYS[2], 'probeAt', now + probeMs)
  end
  if total == 0 then oldest = current end
  redis.call('BITFIELD', KEYS[1], 'INCRBY', 'u32', '#' .. (current % SLOTS), cost)
  total = total + cost
  if orgUsed then orgUsed = orgUsed + cost end
  redis.call('HSET', KEYS[2], 'total', total, 'last', current, 'oldest', oldest)
  if orgUsed then redis.call('HSET', KEYS[2], 'orgUsed', orgUsed) end
  redis.call('PEXPIRE', KEYS[1], ttlMs)
  redis.call('PEXPIRE', KEYS[2], ttlMs)
  return {1, 0, remainingNow(), 0, resetAtNow(), total, current, now}
end

redis.call('HSET', KEYS[2], 'total', total, 'last', current, 'oldest', oldest)
if orgUsed then redis.call('HSET', KEYS[2], 'orgUsed', orgUsed) end
redis.call('PEXPIRE', KEYS[2], ttlMs)

-- Refused: when will enough of our calls have left the window?
local retryAt = -1
if reason == 3 then
  retryAt = probeAt
else
  local need
  if reason == 1 then need = total + cost - cap else need = orgUsed + cost - orgCap end
  local values = readBuckets(oldest, current)
  local released = 0
  for i, v in ipairs(values) do
    released = released + v
    if released >= need then retryAt = (oldest + i) * BUCKET_MS + WINDOW_MS; break end
  end
  -- other integrations' calls may free the org first; look again after one probe interval
  if retryAt == -1 and reason == 2 and cost <= orgCap then retryAt = now + probeMs end
end
local retryAfter = -1
if retryAt ~= -1 then retryAfter = math.max(0, retryAt - now) end
return {0, reason, remainingNow(), retryAfter, resetAtNow(), total, current, now}
