--[[
  Read one org's window as it stands, for usage figures (read-only: stale buckets are skipped by
  the caller using `last`).

  KEYS[1] window buckets, KEYS[2] window meta hash (see admit-2.lua)
  ARGV[1] pinnedNow 0 in production (Redis TIME); tests pin the clock with epoch ms

  Returns {now, packed buckets (string), meta as a flat field/value list}
]]
-- ARGV[1] > 0 pins the clock (tests only); production passes 0 and Redis TIME rules
local now = tonumber(ARGV[1])
if now <= 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local packed = redis.call('GET', KEYS[1]) or ''
return {now, packed, redis.call('HGETALL', KEYS[2])}
