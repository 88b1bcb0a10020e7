-- Claims one due sweep item for this node: only when it is due, so two nodes' sweeps never take the same item at once.
-- KEYS: 1 the due index. ARGV: 1 item, 2 now, 3 lease (seconds). Returns 1 when claimed (its next due time is now + lease), else 0.
local due = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not due or tonumber(due) > tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], 'XX', tonumber(ARGV[2]) + tonumber(ARGV[3]), ARGV[1])
return 1
