--[[
  Compare-and-set of a JSON document: replace (or delete) it only while the named top-level fields
  still hold the values the writer read, so a writer holding an older version never overwrites a
  newer one (the org settings' revision and incarnation).

  KEYS[1] the document (a JSON object, no TTL)
  ARGV[1] expected: a JSON object of field -> scalar value
  ARGV[2] the new document, or '' to delete it

  Returns 1 when written, 0 when a field differs (someone else wrote first), -1 when there is no document
]]
local current = redis.call('GET', KEYS[1])
if not current then return -1 end
local stored = cjson.decode(current)
for field, value in pairs(cjson.decode(ARGV[1])) do
  if stored[field] ~= value then return 0 end
end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], ARGV[2])
end
return 1
