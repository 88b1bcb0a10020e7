-- Settles a buy holding stock, once: 'sold' counts it as sold, 'release' gives the stock back. Whoever removes the holding
-- record settles it (the buy itself, or the sweep on one node), so stock is never given back or counted twice.
-- KEYS: 1 stock hash, 2 holding hash, 3 holding index, 4 sales hash
-- ARGV: 1 holding id, 2 sold|release, 3 field (store:item), 4 count
-- Returns 'settled' | 'gone' (settled before)
if redis.call('HDEL', KEYS[2], ARGV[1]) == 0 then
  return 'gone'
end
redis.call('ZREM', KEYS[3], ARGV[1])
if ARGV[2] == 'release' then
  redis.call('HINCRBY', KEYS[1], ARGV[3], tonumber(ARGV[4]))
else
  redis.call('HINCRBY', KEYS[4], ARGV[3], tonumber(ARGV[4]))
end
return 'settled'
