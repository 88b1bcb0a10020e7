-- Brings a packet's next settlement sooner, if it is in the index and due later.
-- KEYS: 1 settlement index (zset packet -> due). ARGV: 1 packet id, 2 due (unix s). Returns 1 when moved.
local due = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not due or tonumber(due) <= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1
