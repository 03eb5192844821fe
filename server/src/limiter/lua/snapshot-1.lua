--[[
  Read one org's window as it stands, for usage figures. Read-only: the caller releases buckets
  that left the window since the header's `last` (see redis-replies.ts).

  KEYS[1] the window (see admit-1.lua)
  ARGV[1] pinnedNow 0 in production (Redis TIME); tests pin the clock with epoch ms

  Returns {now, the window string (empty when there is none)}
]]
local now = tonumber(ARGV[1])
if now <= 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
return {now, redis.call('GET', KEYS[1]) or ''}
