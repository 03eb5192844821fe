--[[
  Admit `cost` calls into one org's rolling 24 h window, or refuse them, atomically.
  The clock is Redis TIME (tests may pin it), so every API instance shares one clock.
  The model is stated in server/src/limiter/README.md; memory-store.ts runs the same steps.

  KEYS[1] the window: a header of 20 i64 fields (layout.ts), then 1,441 u32 one-minute counters
  ARGV[1] cost            calls this request spends (>= 1)
  ARGV[2] cap             our budget for this priority (calls per 24 h)
  ARGV[3] reservePermille part of the org limit we never take, in 1/1000
  ARGV[4] sharePermille   share of (org limit - reserve) this priority may fill, in 1/1000
  ARGV[5] pinnedNow       0 in production (Redis TIME); tests pin the clock with epoch ms
  ARGV[6] probeMs         interval between calls that probe Salesforce after an org-level refusal
  ARGV[7] ttlMs           the window expires this long after its newest minute began

  Returns {allowed (1|0), reason (0 ok | 1 budget | 2 org reserve | 3 org limit), remaining,
           retryAfterMs (-1 = never at this cost), resetAt, used, bucket, now,
           admittedBefore, inFlightBefore, seq, probe (1|0)}
]]
local BUCKET_MS = 60000
local WINDOW_MS = 86400000
local SLOTS = 1441
local HEADER_BITS = 1280
local IN_FLIGHT = 4
local F_TOTAL, F_LAST, F_OLDEST, F_ADMITTED, F_BASE, F_LIMIT = 0, 1, 2, 3, 4, 5
local F_SEEN, F_PROBE, F_EXHAUSTED, F_SEQ, F_INFLIGHT, F_EXPIRES = 7, 8, 9, 10, 12, 16

local K = KEYS[1]
local cost = tonumber(ARGV[1])
local cap = tonumber(ARGV[2])
local reservePermille = tonumber(ARGV[3])
local sharePermille = tonumber(ARGV[4])
local probeMs = tonumber(ARGV[6])
local ttlMs = tonumber(ARGV[7])

local now = tonumber(ARGV[5])
if now <= 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local h = redis.call('BITFIELD', K, 'GET', 'i64', '#0', 'GET', 'i64', '#1', 'GET', 'i64', '#2', 'GET', 'i64', '#3',
  'GET', 'i64', '#4', 'GET', 'i64', '#5', 'GET', 'i64', '#7', 'GET', 'i64', '#8', 'GET', 'i64', '#9', 'GET', 'i64', '#10',
  'GET', 'i64', '#12', 'GET', 'i64', '#13', 'GET', 'i64', '#14', 'GET', 'i64', '#15')
local total, last, oldest, admitted, orgBase, orgLimit = h[1], h[2], h[3], h[4], h[5], h[6]
local orgSeenAt, probeAt, exhausted, seq = h[7], h[8], h[9], h[10]
local inFlight = { h[11], h[12], h[13], h[14] }

local ops = {}
local function set(field, value)
  ops[#ops + 1] = 'SET'; ops[#ops + 1] = 'i64'; ops[#ops + 1] = '#' .. field; ops[#ops + 1] = value
end
local function offsetOf(bucket) return HEADER_BITS + 32 * (bucket % SLOTS) end
local function readBuckets(from, to)
  local get = {}
  for b = from, to do get[#get + 1] = 'GET'; get[#get + 1] = 'u32'; get[#get + 1] = offsetOf(b) end
  return redis.call('BITFIELD', K, unpack(get))
end
-- First bucket in [from, to] holding calls, read in growing chunks (one short read when it is `from`).
local function firstNonEmpty(from, to)
  local size = 4
  while from <= to do
    local upto = math.min(to, from + size - 1)
    for i, v in ipairs(readBuckets(from, upto)) do
      if v > 0 then return from + i - 1 end
    end
    from = upto + 1
    size = size * 4
  end
  return to
end

-- Move the window to the current minute: buckets that left it give their calls back.
local current = math.floor(now / BUCKET_MS)
local moved = false
if last == 0 then
  -- a new window is written whole at once: a string grown piecemeal keeps spare room (~2 KB more)
  if redis.call('EXISTS', K) == 0 then redis.call('SET', K, string.rep('\0', HEADER_BITS / 8 + SLOTS * 4)) end
  last, oldest, moved = current, current, true
  set(F_LAST, last); set(F_OLDEST, oldest)
elseif current > last then
  moved = true
  local goneTo = current - SLOTS
  if current - last >= SLOTS then
    -- every bucket left the window
    if total > 0 then redis.call('SETRANGE', K, HEADER_BITS / 8, string.rep('\0', SLOTS * 4)) end
    total, oldest = 0, current
  elseif oldest <= goneTo then
    -- buckets before `oldest` are empty, so only [oldest, goneTo] can release anything
    local released = 0
    local zero = {}
    for i, v in ipairs(readBuckets(oldest, goneTo)) do
      if v > 0 then
        released = released + v
        zero[#zero + 1] = 'SET'; zero[#zero + 1] = 'u32'; zero[#zero + 1] = offsetOf(oldest + i - 1); zero[#zero + 1] = 0
      end
    end
    if #zero > 0 then redis.call('BITFIELD', K, unpack(zero)) end
    total = math.max(0, total - released)
    if total == 0 then oldest = current else oldest = firstNonEmpty(goneTo + 1, current) end
  end
  for m = math.max(last + 1, current - IN_FLIGHT + 1), current do
    inFlight[m % IN_FLIGHT + 1] = 0
    set(F_INFLIGHT + m % IN_FLIGHT, 0)
  end
  last = current
  set(F_LAST, last); set(F_TOTAL, total); set(F_OLDEST, oldest)
end
current = last -- a clock step back keeps counting in the newest bucket
-- one TTL for the whole window, renewed when a new minute begins: it outlives its newest call's release
if moved then set(F_EXPIRES, now + ttlMs) end

local orgCap = nil
if orgLimit > 0 then
  orgCap = math.floor(math.floor(orgLimit * (1000 - reservePermille) / 1000) * sharePermille / 1000)
end
local estimate = orgBase + admitted

-- Decide. Org-level refusals end by themselves: one call per probe interval goes out, and
-- Salesforce's answer to it (settle-1.lua) reopens the org or keeps it closed.
local reason, probe = 0, 0
if exhausted == 1 then
  if now < probeAt then reason = 3 elseif total + cost > cap then reason = 1 else probe = 1 end
elseif total + cost > cap then
  reason = 1
elseif orgCap and estimate + cost > orgCap then
  if cost > orgCap or now < math.max(probeAt, orgSeenAt + probeMs) then reason = 2 else probe = 1 end
end

local function resetAt()
  if total == 0 then return now end
  return (oldest + 1) * BUCKET_MS + WINDOW_MS
end
local function remaining()
  local r = cap - total
  if orgCap then r = math.min(r, orgCap - estimate) end
  return math.max(0, r)
end

if reason == 0 then
  local inFlightBefore = inFlight[1] + inFlight[2] + inFlight[3] + inFlight[4]
  local admittedBefore = admitted
  if probe == 1 then set(F_PROBE, now + probeMs) end
  if total == 0 then oldest = current; set(F_OLDEST, oldest) end
  total = total + cost
  admitted = admitted + cost
  estimate = estimate + cost
  seq = seq + 1
  local slot = current % IN_FLIGHT
  set(F_TOTAL, total); set(F_ADMITTED, admitted); set(F_SEQ, seq)
  set(F_INFLIGHT + slot, inFlight[slot + 1] + cost)
  ops[#ops + 1] = 'INCRBY'; ops[#ops + 1] = 'u32'; ops[#ops + 1] = offsetOf(current); ops[#ops + 1] = cost
  redis.call('BITFIELD', K, unpack(ops))
  if moved then redis.call('PEXPIRE', K, ttlMs) end
  return {1, 0, remaining(), 0, resetAt(), total, current, now, admittedBefore, inFlightBefore, seq, probe}
end

if #ops > 0 then redis.call('BITFIELD', K, unpack(ops)) end
if moved then redis.call('PEXPIRE', K, ttlMs) end

-- Refused: when can it pass? Our budget: when enough of our calls leave the window (read from the
-- oldest bucket on, so usually one short read). The org: at the next probe.
local retryAt = -1
if reason == 3 then
  retryAt = probeAt
elseif reason == 2 then
  if cost <= orgCap then retryAt = math.max(probeAt, orgSeenAt + probeMs) end
elseif cost <= cap then
  local need = total + cost - cap
  local released = 0
  local from, size = oldest, 4
  while retryAt == -1 and from <= current do
    local upto = math.min(current, from + size - 1)
    for i, v in ipairs(readBuckets(from, upto)) do
      released = released + v
      if released >= need then retryAt = (from + i) * BUCKET_MS + WINDOW_MS; break end
    end
    from = upto + 1
    size = size * 4
  end
end
local retryAfter = -1
if retryAt ~= -1 then retryAfter = math.max(0, retryAt - now) end
return {0, reason, remaining(), retryAfter, resetAt(), total, current, now, 0, 0, seq, 0}
