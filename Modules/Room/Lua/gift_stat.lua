-- Adds charm or wealth once per gift: total and per day. KEYS: 1 stats hash, 2 done marker.
-- ARGV: 1 amount, 2 day field (d:YYYYMMDD), 3 marker ttl (s). Returns 1 when added, 0 when this gift was counted before.
if redis.call('SET', KEYS[2], 1, 'NX', 'EX', tonumber(ARGV[3])) == false then return 0 end
redis.call('HINCRBY', KEYS[1], 'total', ARGV[1])
redis.call('HINCRBY', KEYS[1], ARGV[2], ARGV[1])
return 1
