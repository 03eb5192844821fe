--[[
  Record what Salesforce reported about the whole org's usage (Sforce-Limit-Info, /limits, or a
  REQUEST_LIMIT_EXCEEDED refusal). The estimate then grows with our admits and shrinks as our
  calls leave the window, until the next observation replaces it.

  KEYS[1] window meta hash (see admit-2.lua)
  ARGV[1] used       org usage Salesforce reported
  ARGV[2] limit      org limit Salesforce reported; 0 = unknown (keep the last one)
  ARGV[3] exhausted  1 when Salesforce refused with REQUEST_LIMIT_EXCEEDED
  ARGV[4] pinnedNow  0 in production (Redis TIME); tests pin the clock with epoch ms
  ARGV[5] probeMs    when exhausted: how long to refuse before one call may probe
  ARGV[6] ttlMs      idle keys expire after this

  Returns now (ms)
]]
-- ARGV[4] > 0 pins the clock (tests only); production passes 0 and Redis TIME rules
local now = tonumber(ARGV[4])
if now <= 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local used = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local exhausted = ARGV[3] == '1'
if limit <= 0 then
  -- a refusal without a usage header: keep the limit we knew, and only start refusing until the probe
  limit = tonumber(redis.call('HGET', KEYS[1], 'orgLimit'))
  used = limit
end
if limit then
  if exhausted then used = math.max(used, limit) end
  redis.call('HSET', KEYS[1], 'orgUsed', used, 'orgObserved', used, 'orgLimit', limit, 'orgSeenAt', now)
end
if exhausted then
  redis.call('HSET', KEYS[1], 'probeAt', now + tonumber(ARGV[5]))
else
  redis.call('HDEL', KEYS[1], 'probeAt')
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[6]))
return now
