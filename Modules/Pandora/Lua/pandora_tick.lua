-- At most one progress push per room per second, across nodes; the last change is never lost.
-- KEYS: 1 tick, 2 trail. ARGV: 1 window (ms), 2 1 when the caller is the trailing push firing.
-- Returns 0: push now (the window is this caller's); n > 0: push after n ms (the caller holds the trailing push);
-- -1: nothing to do (a trailing push is held by another caller, and it reads the state when it fires)
if redis.call('SET', KEYS[1], 1, 'NX', 'PX', ARGV[1]) then
  if ARGV[2] == '1' then redis.call('DEL', KEYS[2]) end
  return 0
end
if ARGV[2] == '1' then
  local left = redis.call('PTTL', KEYS[1])
  return left > 0 and left or 1
end
local left = redis.call('PTTL', KEYS[1])
if left <= 0 then left = 1 end
if redis.call('SET', KEYS[2], 1, 'NX', 'PX', left + 1000) then return left end
return -1
