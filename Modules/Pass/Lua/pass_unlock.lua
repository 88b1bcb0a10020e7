-- Reserves this season's pass of the recipient for one gift: the first gift wins, every other finds it taken.
-- KEYS: 1 owner marker. ARGV: 1 gift id.
-- Returns 2 when reserved now, 1 when this gift already held it (a repeat), 0 when another gift holds it.
local holder = redis.call('GET', KEYS[1])
if not holder then
  redis.call('SET', KEYS[1], ARGV[1])
  return 2
end
if holder == ARGV[1] then return 1 end
return 0
