--[[
  Give back calls that were admitted but provably never left this process (e.g. the request was
  refused by validation before it was sent). A bucket that already left the window is not touched.

  KEYS[1] window buckets, KEYS[2] window meta hash (see admit-2.lua)
  ARGV[1] cost    calls to give back
  ARGV[2] bucket  the bucket admit returned

  Returns the calls actually given back
]]
local SLOTS = 1441
local cost = tonumber(ARGV[1])
local bucket = tonumber(ARGV[2])
local m = redis.call('HMGET', KEYS[2], 'total', 'last', 'orgUsed')
local total = tonumber(m[1]) or 0
local last = tonumber(m[2])
if not last or bucket <= last - SLOTS or bucket > last then return 0 end
local inBucket = redis.call('BITFIELD', KEYS[1], 'GET', 'u32', '#' .. (bucket % SLOTS))[1]
local back = math.min(cost, inBucket, total)
if back <= 0 then return 0 end
redis.call('BITFIELD', KEYS[1], 'INCRBY', 'u32', '#' .. (bucket % SLOTS), -back)
redis.call('HSET', KEYS[2], 'total', total - back)
if m[3] then redis.call('HSET', KEYS[2], 'orgUsed', math.max(0, tonumber(m[3]) - back)) end
return back
